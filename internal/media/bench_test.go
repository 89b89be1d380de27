//go:build unix

package media

import (
	"bytes"
	"image"
	"image/jpeg"
	"syscall"
	"testing"
	"time"

	"golang.org/x/image/draw"
)

// BenchmarkRender measures making the variants (480, 960, 1600) of a
// 4000×3000 JPEG, from the decoded upload to the encoded files, with each
// resampler of x/image/draw worth considering.
func BenchmarkRender(b *testing.B) {
	m := image.NewYCbCr(image.Rect(0, 0, 4000, 3000), image.YCbCrSubsampleRatio420)
	for i := range m.Y {
		m.Y[i] = uint8(i*7 + i/4000)
	}
	for i := range m.Cb {
		m.Cb[i], m.Cr[i] = uint8(i), uint8(i/2000)
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, m, &jpeg.Options{Quality: 90}); err != nil {
		b.Fatal(err)
	}
	data := buf.Bytes()
	s := New(nil, b.TempDir(), Options{})
	cfg := image.Config{Width: 4000, Height: 3000}
	kernels := []struct {
		name string
		k    draw.Interpolator
	}{{"CatmullRom", draw.CatmullRom}, {"BiLinear", draw.BiLinear}, {"ApproxBiLinear", draw.ApproxBiLinear}}
	defer func(k draw.Interpolator) { kernel = k }(kernel)
	for _, k := range kernels {
		b.Run(k.name, func(b *testing.B) {
			kernel = k.k
			start := cpuTime()
			for b.Loop() {
				if _, _, err := s.render(jpegFormat, data, cfg); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64((cpuTime()-start).Milliseconds())/float64(b.N), "cpu-ms/op")
		})
	}
	b.Run("decode only", func(b *testing.B) {
		start := cpuTime()
		for b.Loop() {
			if _, err := jpeg.Decode(bytes.NewReader(data)); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64((cpuTime()-start).Milliseconds())/float64(b.N), "cpu-ms/op")
	})
}

// cpuTime is the process's CPU time so far: on a shared, busy machine it
// says more than the wall clock.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
