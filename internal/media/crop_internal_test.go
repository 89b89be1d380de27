package media

import (
	"bytes"
	"image"
	"image/draw"
	"image/jpeg"
	"testing"
)

func TestCropRect(t *testing.T) {
	tests := []struct {
		name       string
		w, h       int
		ratio      string
		fx, fy     float64
		rect       image.Rectangle
		outW, outH int
	}{
		{"wide picture, centre", 4000, 3000, "16:9", 0.5, 0.5, image.Rect(0, 375, 4000, 2625), 1600, 900},
		{"wide picture, 4:3 is all of it", 4000, 3000, "4:3", 0.5, 0.5, image.Rect(0, 0, 4000, 3000), 1600, 1200},
		{"square from the right edge", 4000, 3000, "1:1", 0.95, 0.5, image.Rect(1000, 0, 4000, 3000), 1600, 1600},
		{"square from the left edge", 4000, 3000, "1:1", 0, 0.5, image.Rect(0, 0, 3000, 3000), 1600, 1600},
		{"square around a point", 4000, 3000, "1:1", 0.4, 0.5, image.Rect(100, 0, 3100, 3000), 1600, 1600},
		{"portrait, 16:9 near the top", 1200, 1800, "16:9", 0.5, 0.1, image.Rect(0, 0, 1200, 675), 1200, 675},
		{"portrait, 16:9 at the bottom", 1200, 1800, "16:9", 0.5, 1, image.Rect(0, 1125, 1200, 1800), 1200, 675},
		{"small picture: the largest crop it holds", 1000, 800, "16:9", 0.5, 0.5, image.Rect(4, 121, 996, 679), 992, 558},
		{"small picture, 4:3", 1000, 800, "4:3", 0.5, 0.5, image.Rect(0, 25, 1000, 775), 1000, 750},
		{"too small for the ratio", 10, 5, "16:9", 0.5, 0.5, image.Rectangle{}, 0, 0},
		{"focus outside is clamped", 4000, 3000, "1:1", 7, -3, image.Rect(1000, 0, 4000, 3000), 1600, 1600},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, w, h := cropRect(tt.w, tt.h, tt.ratio, tt.fx, tt.fy)
			if r != tt.rect || w != tt.outW || h != tt.outH {
				t.Errorf("cropRect = %v, %d×%d; want %v, %d×%d", r, w, h, tt.rect, tt.outW, tt.outH)
			}
			a, b, _ := ratioParts(tt.ratio)
			if !r.Empty() && (r.Dx()*b != r.Dy()*a || w*b != h*a) {
				t.Errorf("%v and %d×%d are not exactly %s", r, w, h, tt.ratio)
			}
			if !r.Empty() && !r.In(image.Rect(0, 0, tt.w, tt.h)) {
				t.Errorf("%v is outside the picture", r)
			}
		})
	}
}

// TestStoredRect: cutting the stored pixels at storedRect and turning the
// piece gives the same pixels as turning the picture and cutting it, for
// every EXIF orientation.
func TestStoredRect(t *testing.T) {
	src := image.NewRGBA(image.Rect(0, 0, 7, 5))
	for i := range 35 {
		src.Pix[4*i] = uint8(i + 1)
	}
	for o := 1; o <= 8; o++ {
		seen := orient(src, o)
		r := image.Rect(1, 2, 4, 5)
		if o >= 5 {
			r = image.Rect(1, 2, 4, 7) // seen, the picture is 5×7
		}
		want := seen.SubImage(r).(*image.RGBA)
		s := storedRect(r, o, 7, 5)
		piece := image.NewRGBA(image.Rect(0, 0, s.Dx(), s.Dy()))
		for y := range s.Dy() {
			for x := range s.Dx() {
				piece.Set(x, y, src.At(s.Min.X+x, s.Min.Y+y))
			}
		}
		got := orient(piece, o)
		if got.Bounds().Dx() != r.Dx() || got.Bounds().Dy() != r.Dy() {
			t.Fatalf("orientation %d: piece %v, want %v", o, got.Bounds(), r)
		}
		for y := range r.Dy() {
			for x := range r.Dx() {
				if g, w := got.RGBAAt(x, y).R, want.RGBAAt(r.Min.X+x, r.Min.Y+y).R; g != w {
					t.Errorf("orientation %d, (%d, %d): %d, want %d", o, x, y, g, w)
				}
			}
		}
	}
}

// BenchmarkCrops measures cutting and encoding the three crops of a
// decoded 4000×3000 photograph, from the original alone (as if no variant
// could serve): the most an upload's crops cost after its variants
// (BenchmarkRender measures both together).
func BenchmarkCrops(b *testing.B) {
	m := image.NewYCbCr(image.Rect(0, 0, 4000, 3000), image.YCbCrSubsampleRatio420)
	for i := range m.Y {
		m.Y[i] = uint8(i*7 + i/4000)
	}
	for i := range m.Cb {
		m.Cb[i], m.Cr[i] = uint8(i), uint8(i/2000)
	}
	for b.Loop() {
		if _, err := makeCrops(m, 1, 4000, 3000, nil, 0.3, 0.6, jpegOut, DefaultQuality); err != nil {
			b.Fatal(err)
		}
	}
}

// TestCropsFromVariant: the crops cut from the largest variant, where it
// serves, are the crops cut from the original: same sizes, same pixels but
// for resampling's rounding; the square of a landscape picture, which the
// variant is too short for, still comes from the original at full size.
func TestCropsFromVariant(t *testing.T) {
	src := image.NewRGBA(image.Rect(0, 0, 2400, 1800))
	for y := range 1800 {
		for x := range 2400 {
			o := src.PixOffset(x, y)
			src.Pix[o], src.Pix[o+1], src.Pix[o+2], src.Pix[o+3] = uint8(x/10), uint8(y/8), uint8((x+y)/20), 0xFF
		}
	}
	variant := scale(src, 1600, 1200)
	rgba := func(t *testing.T, c cropped) *image.RGBA {
		m, err := jpeg.Decode(bytes.NewReader(c.data))
		if err != nil {
			t.Fatal(err)
		}
		out := image.NewRGBA(m.Bounds())
		draw.Draw(out, out.Bounds(), m, image.Point{}, draw.Src)
		return out
	}
	fromOriginal, err := makeCrops(src, 1, 2400, 1800, nil, 0.3, 0.4, jpegOut, 90)
	if err != nil {
		t.Fatal(err)
	}
	fromVariant, err := makeCrops(src, 1, 2400, 1800, variant, 0.3, 0.4, jpegOut, 90)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][2]int{"16:9": {1600, 900}, "4:3": {1600, 1200}, "1:1": {1600, 1600}}
	for i, c := range fromVariant {
		o := fromOriginal[i]
		if c.ratio != o.ratio || c.width != o.width || c.height != o.height || want[c.ratio] != [2]int{c.width, c.height} {
			t.Fatalf("%s: %d×%d from the variant, %d×%d from the original", c.ratio, c.width, c.height, o.width, o.height)
		}
		a, b := rgba(t, c), rgba(t, o)
		var diff, n int
		for i := 0; i < len(a.Pix); i += 4 {
			for k := range 3 {
				d := int(a.Pix[i+k]) - int(b.Pix[i+k])
				diff += max(d, -d)
				n++
			}
		}
		if mean := float64(diff) / float64(n); mean > 2 {
			t.Errorf("%s: the crops differ by %.2f a channel on average", c.ratio, mean)
		}
	}
}
