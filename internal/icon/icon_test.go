package icon

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/color"
	"image/png"
	"os"
	"testing"
)

// readICO parses an ICO file's header and directory, and decodes each
// entry as PNG; the sizes it holds.
func readICO(t *testing.T, b []byte) []int {
	t.Helper()
	le := binary.LittleEndian
	if len(b) < 6 || le.Uint16(b) != 0 || le.Uint16(b[2:]) != 1 {
		t.Fatalf("not an ICO header: % x", b[:min(6, len(b))])
	}
	n := int(le.Uint16(b[4:]))
	var sizes []int
	for i := range n {
		e := b[6+16*i:]
		w, h := int(e[0]), int(e[1])
		if w == 0 {
			w = 256
		}
		if h == 0 {
			h = 256
		}
		length, offset := le.Uint32(e[8:]), le.Uint32(e[12:])
		if le.Uint16(e[4:]) != 1 || le.Uint16(e[6:]) != 32 || int(offset)+int(length) > len(b) {
			t.Fatalf("entry %d: % x", i, e[:16])
		}
		m, err := png.Decode(bytes.NewReader(b[offset : offset+length]))
		if err != nil {
			t.Fatalf("entry %d: %v", i, err)
		}
		if m.Bounds().Dx() != w || m.Bounds().Dy() != h {
			t.Errorf("entry %d says %d×%d, holds %v", i, w, h, m.Bounds())
		}
		sizes = append(sizes, w)
	}
	return sizes
}

func decodePNG(t *testing.T, b []byte, size int) image.Image {
	t.Helper()
	m, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if m.Bounds().Dx() != size || m.Bounds().Dy() != size {
		t.Fatalf("%v, want %d square", m.Bounds(), size)
	}
	return m
}

func TestDefault(t *testing.T) {
	s, err := Default("#004488")
	if err != nil {
		t.Fatal(err)
	}
	if got := readICO(t, s.Favicon); len(got) != 3 || got[0] != 16 || got[1] != 32 || got[2] != 48 {
		t.Errorf("favicon sizes %v", got)
	}
	m := decodePNG(t, s.Touch, TouchSize)
	decodePNG(t, s.AppSmall, AppSmallSize)
	decodePNG(t, s.AppLarge, AppLargeSize)
	// The corner is the theme colour; the loop of the م is white, its
	// counter open; the tail is white.
	at := func(fx, fy float64) color.RGBA {
		return color.RGBAModel.Convert(m.At(int(fx*TouchSize), int(fy*TouchSize))).(color.RGBA)
	}
	if c := at(0.02, 0.02); c != (color.RGBA{0x00, 0x44, 0x88, 0xff}) {
		t.Errorf("corner %v", c)
	}
	white := color.RGBA{0xff, 0xff, 0xff, 0xff}
	for name, p := range map[string][2]float64{"loop": {0.73, 0.37}, "counter": {0.60, 0.37}, "tail": {0.30, 0.75}, "stroke": {0.45, 0.51}} {
		if c := at(p[0], p[1]); (c == white) != (name != "counter") {
			t.Errorf("%s at %v: %v", name, p, c)
		}
	}
	if os.Getenv("MIDAD_ICON_OUT") != "" {
		os.WriteFile(os.Getenv("MIDAD_ICON_OUT"), s.AppLarge, 0o644)
	}
	bad, _ := Default("red")
	if bad == nil || s.ETag() == bad.ETag() {
		t.Error("an unparsable colour gave no icon, or the same one")
	}
}

// TestMake: the square is cut around the focal point.
func TestMake(t *testing.T) {
	// 300×100: red on the left third, green in the middle, blue on the right.
	src := image.NewRGBA(image.Rect(0, 0, 300, 100))
	for y := range 100 {
		for x := range 300 {
			src.Set(x, y, []color.RGBA{{0xff, 0, 0, 0xff}, {0, 0xff, 0, 0xff}, {0, 0, 0xff, 0xff}}[x/100])
		}
	}
	for _, tt := range []struct {
		fx   float64
		want color.RGBA
	}{{0.1, color.RGBA{0xff, 0, 0, 0xff}}, {0.5, color.RGBA{0, 0xff, 0, 0xff}}, {0.95, color.RGBA{0, 0, 0xff, 0xff}}} {
		s, err := Make(src, tt.fx, 0.5)
		if err != nil {
			t.Fatal(err)
		}
		m := decodePNG(t, s.AppLarge, AppLargeSize)
		if c := color.RGBAModel.Convert(m.At(256, 256)).(color.RGBA); c != tt.want {
			t.Errorf("focus %v: centre %v, want %v", tt.fx, c, tt.want)
		}
		readICO(t, s.Favicon)
	}
}

func TestICORefuses(t *testing.T) {
	if _, err := ICO([]int{300}, [][]byte{{1}}); err == nil {
		t.Error("300 px accepted")
	}
	if _, err := ICO([]int{16, 32}, [][]byte{{1}}); err == nil {
		t.Error("sizes and images of different counts accepted")
	}
}
