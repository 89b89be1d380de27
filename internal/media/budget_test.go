package media_test

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/color"
	"image/png"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/midad/midad/internal/media"
)

// flatPNG is a w×h grey PNG, of one colour (a few kilobytes) or, if
// noisy, with one pixel in 32 random (enough bytes to look like a picture).
func flatPNG(t *testing.T, w, h int, noisy ...bool) []byte {
	t.Helper()
	m := image.NewGray(image.Rect(0, 0, w, h))
	x := uint32(1)
	for i := range m.Pix {
		m.Pix[i] = 0x80
		if len(noisy) > 0 && i%32 == 0 {
			x = x*1664525 + 1013904223
			m.Pix[i] = byte(x >> 24)
		}
	}
	m.Set(0, 0, color.Gray{1})
	var b bytes.Buffer
	if err := (&png.Encoder{CompressionLevel: png.BestCompression}).Encode(&b, m); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func peakRSS(t *testing.T, reset bool) int64 {
	t.Helper()
	if reset {
		if err := os.WriteFile("/proc/self/clear_refs", []byte("5"), 0); err != nil {
			t.Skipf("cannot reset the peak memory: %v", err)
		}
		return 0
	}
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		t.Skip(err)
	}
	for line := range strings.Lines(string(b)) {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			return kb << 10
		}
	}
	t.Skip("no VmHWM")
	return 0
}

// TestDecodeBombRefused: a tiny file that claims tens of megapixels (the
// probe's 116 KB, 6,324×6,324 PNG) is refused before it is decoded.
func TestDecodeBombRefused(t *testing.T) {
	s, _, _ := newService(t, media.Options{MaxBytes: 8 << 20})
	data := flatPNG(t, 6324, 6324)
	_, err := s.Upload(context.Background(), bytes.NewReader(data), media.Meta{Alt: "x"})
	var me *media.Error
	if !errors.As(err, &me) || me.Key != media.KeyDensity {
		t.Errorf("a %d KB file of 6324×6324 pixels: %v", len(data)>>10, err)
	}
}

// TestConcurrentDecodesShareABudget: eight large pictures uploaded at once
// are decoded within one memory budget, so the process's peak stays under
// the budget and a margin, whatever the mix.
func TestConcurrentDecodesShareABudget(t *testing.T) {
	// Under the race detector decoding is several times slower and memory
	// several times larger: smaller pictures and the budget's own count.
	size, budget := 4000, int64(256<<20)
	if raceEnabled {
		size, budget = 1000, 2*1000*1000*12+1<<20 // two decodes at a time
	}
	s, _, _ := newService(t, media.Options{MaxBytes: 8 << 20, DecodeBudget: budget, Concurrent: 8})
	data := flatPNG(t, size, size, true) // dense enough to be decoded
	runtime.GC()
	peakRSS(t, true)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			if _, err := s.Upload(context.Background(), bytes.NewReader(data), media.Meta{Alt: "x"}); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	peak := peakRSS(t, false)
	reserved := media.PeakDecodeReserved(s)
	t.Logf("8 concurrent uploads of a %d KB %d×%d PNG: peak RSS %d MiB, at most %d MiB of the %d MiB budget held at once",
		len(data)>>10, size, size, peak>>20, reserved>>20, budget>>20)
	if reserved <= 0 || reserved > budget {
		t.Errorf("decodes held %d bytes at once, want some and at most the budget of %d", reserved, budget)
	}
	// The garbage of one decode is collected while the next one runs: the
	// process holds up to twice the budget (GOGC=100), plus its own 64 MiB.
	// (The race detector's shadow memory makes RSS meaningless there.)
	if !raceEnabled && peak > 2*budget+64<<20 {
		t.Errorf("peak RSS %d MiB, over twice the budget of %d MiB and a margin", peak>>20, budget>>20)
	}
}
