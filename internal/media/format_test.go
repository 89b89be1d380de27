package media

import (
	"encoding/binary"
	"image"
	"slices"
	"testing"
)

func TestVariantWidths(t *testing.T) {
	widths := []int{480, 960, 1600}
	tests := []struct {
		w    int
		want []int
	}{
		{1, []int{1}},
		{300, []int{300}},
		{480, []int{480}},
		{520, []int{520}}, // 480 would be nearly the same picture
		{600, []int{480, 600}},
		{1000, []int{480, 1000}},
		{1200, []int{480, 960, 1200}},
		{1600, []int{480, 960, 1600}},
		{6000, []int{480, 960, 1600}},
	}
	for _, tt := range tests {
		if got := variantWidths(widths, tt.w); !slices.Equal(got, tt.want) {
			t.Errorf("variantWidths(%d) = %v, want %v", tt.w, got, tt.want)
		}
	}
}

// TestOrient: each EXIF orientation puts the stored picture's top-left
// pixel where it is seen.
func TestOrient(t *testing.T) {
	// 3×2, each pixel numbered in its red channel.
	src := image.NewRGBA(image.Rect(0, 0, 3, 2))
	for i := range 6 {
		src.Pix[4*i] = uint8(i + 1)
	}
	// The red values as seen, row by row.
	tests := map[int][]uint8{
		1: {1, 2, 3, 4, 5, 6},
		2: {3, 2, 1, 6, 5, 4},
		3: {6, 5, 4, 3, 2, 1},
		4: {4, 5, 6, 1, 2, 3},
		5: {1, 4, 2, 5, 3, 6},
		6: {4, 1, 5, 2, 6, 3},
		7: {6, 3, 5, 2, 4, 1},
		8: {3, 6, 2, 5, 1, 4},
	}
	for o, want := range tests {
		m := orient(src, o)
		var got []uint8
		for i := 0; i < len(m.Pix); i += 4 {
			got = append(got, m.Pix[i])
		}
		if !slices.Equal(got, want) {
			t.Errorf("orientation %d: %v, want %v", o, got, want)
		}
		if w := m.Bounds().Dx(); o >= 5 && w != 2 || o < 5 && w != 3 {
			t.Errorf("orientation %d: width %d", o, w)
		}
	}
}

func exifJPEG(order string, entries ...[12]byte) []byte {
	var bo binary.AppendByteOrder = binary.BigEndian
	if order == "II" {
		bo = binary.LittleEndian
	}
	tiff := []byte(order)
	tiff = bo.AppendUint16(tiff, 42)
	tiff = bo.AppendUint32(tiff, 8)
	tiff = bo.AppendUint16(tiff, uint16(len(entries)))
	for _, e := range entries {
		tiff = append(tiff, e[:]...)
	}
	tiff = append(tiff, 0, 0, 0, 0)
	seg := append([]byte("Exif\x00\x00"), tiff...)
	b := []byte{0xFF, 0xD8, 0xFF, 0xE0, 0, 4, 'J', 'F', 0xFF, 0xE1}
	b = binary.BigEndian.AppendUint16(b, uint16(len(seg)+2))
	b = append(b, seg...)
	return append(b, 0xFF, 0xDA, 0, 2)
}

func entry(order string, tag, typ uint16, value uint16) [12]byte {
	var e [12]byte
	var bo binary.ByteOrder = binary.BigEndian
	if order == "II" {
		bo = binary.LittleEndian
	}
	bo.PutUint16(e[0:], tag)
	bo.PutUint16(e[2:], typ)
	bo.PutUint32(e[4:], 1)
	bo.PutUint16(e[8:], value)
	return e
}

func TestJPEGOrientation(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		want int
	}{
		{"none", []byte{0xFF, 0xD8, 0xFF, 0xDA, 0, 2}, 1},
		{"big-endian 6", exifJPEG("MM", entry("MM", 0x010F, 2, 0), entry("MM", 0x0112, 3, 6)), 6},
		{"little-endian 8", exifJPEG("II", entry("II", 0x0112, 3, 8)), 8},
		{"out of range", exifJPEG("MM", entry("MM", 0x0112, 3, 9)), 1},
		{"wrong type", exifJPEG("MM", entry("MM", 0x0112, 4, 6)), 1},
		{"truncated", exifJPEG("MM", entry("MM", 0x0112, 3, 6))[:20], 1},
		{"empty", nil, 1},
	}
	for _, tt := range tests {
		if got := jpegOrientation(tt.data); got != tt.want {
			t.Errorf("%s: %d, want %d", tt.name, got, tt.want)
		}
	}
}

func FuzzJPEGOrientation(f *testing.F) {
	f.Add(exifJPEG("MM", entry("MM", 0x0112, 3, 6)))
	f.Add(exifJPEG("II", entry("II", 0x0112, 3, 3)))
	f.Fuzz(func(t *testing.T, b []byte) {
		if o := jpegOrientation(b); o < 1 || o > 8 {
			t.Fatalf("orientation %d", o)
		}
	})
}

func TestShrink(t *testing.T) {
	// 5×3: the last column and row are dropped; each pixel is the mean of
	// a 2×2 block.
	src := image.NewGray(image.Rect(0, 0, 5, 3))
	copy(src.Pix, []uint8{
		0, 100, 200, 200, 9,
		100, 200, 100, 101, 9,
		9, 9, 9, 9, 9,
	})
	m := shrink(src, 2)
	if m.Bounds() != image.Rect(0, 0, 2, 1) {
		t.Fatalf("bounds %v", m.Bounds())
	}
	want := []uint8{100, 100, 100, 255, 150, 150, 150, 255}
	if !slices.Equal(m.Pix, want) {
		t.Errorf("pixels %v, want %v", m.Pix, want)
	}
}
