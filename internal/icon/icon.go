// Package icon makes the site's icons from one picture: the favicon (an
// ICO file), the touch icon of Apple's phones and the web app manifest's
// icons, each a square cut around the picture's focal point. Without a
// picture, it draws a default: the letter م on the theme colour.
package icon

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"math"
	"strconv"

	xdraw "golang.org/x/image/draw"
)

// The sizes made, in pixels: the favicon holds 16, 32 and 48 (a browser
// tab, a bookmark, a Windows shortcut); Apple's touch icon is 180; a web
// app's installed icon needs 192 and 512.
var (
	FaviconSizes = []int{16, 32, 48}
)

const (
	TouchSize    = 180
	AppSmallSize = 192
	AppLargeSize = 512
)

// Set is one picture's icons, encoded.
type Set struct {
	Favicon  []byte // image/x-icon
	Touch    []byte // 180 px PNG
	AppSmall []byte // 192 px PNG
	AppLarge []byte // 512 px PNG
}

// ETag names the set's content, for conditional requests: it changes when
// any of the icons does.
func (s *Set) ETag() string {
	h := sha256.New()
	for _, b := range [][]byte{s.Favicon, s.Touch, s.AppSmall, s.AppLarge} {
		binary.Write(h, binary.LittleEndian, uint64(len(b)))
		h.Write(b)
	}
	return `"` + hex.EncodeToString(h.Sum(nil)[:12]) + `"`
}

// Make cuts the largest square of src around the focal point (fx, fy,
// fractions of its width and height) and makes every icon from it.
func Make(src image.Image, fx, fy float64) (*Set, error) {
	b := src.Bounds()
	if b.Empty() {
		return nil, errors.New("icon: empty picture")
	}
	side := min(b.Dx(), b.Dy())
	x := place(fx, b.Dx(), side)
	y := place(fy, b.Dy(), side)
	square := image.NewRGBA(image.Rect(0, 0, side, side))
	draw.Draw(square, square.Bounds(), src, image.Pt(b.Min.X+x, b.Min.Y+y), draw.Src)
	return makeSet(func(size int) image.Image {
		if size == side {
			return square
		}
		m := image.NewRGBA(image.Rect(0, 0, size, size))
		xdraw.CatmullRom.Scale(m, m.Bounds(), square, square.Bounds(), draw.Src, nil)
		return m
	})
}

// place is where a side-long square starts along an n-long edge so that
// the focal point f is as near its middle as the edge allows.
func place(f float64, n, side int) int {
	if f != f {
		f = 0.5
	}
	f = max(0, min(f, 1))
	return max(0, min(int(math.Round(f*float64(n)-float64(side)/2)), n-side))
}

// Default draws the letter م in white on the theme colour ("#rrggbb"; the
// site's red when it does not parse), at every size.
func Default(theme string) (*Set, error) {
	bg, ok := ParseColor(theme)
	if !ok {
		bg = color.RGBA{0xb3, 0x12, 0x1f, 0xff}
	}
	return makeSet(func(size int) image.Image { return meem(size, bg) })
}

// ParseColor reads "#rrggbb".
func ParseColor(s string) (color.RGBA, bool) {
	if len(s) != 7 || s[0] != '#' {
		return color.RGBA{}, false
	}
	v, err := strconv.ParseUint(s[1:], 16, 32)
	if err != nil {
		return color.RGBA{}, false
	}
	return color.RGBA{uint8(v >> 16), uint8(v >> 8), uint8(v), 0xff}, true
}

// makeSet encodes the picture drawn at each size.
func makeSet(at func(size int) image.Image) (*Set, error) {
	var s Set
	var err error
	encode := func(size int) []byte {
		if err != nil {
			return nil
		}
		var b bytes.Buffer
		err = (&png.Encoder{CompressionLevel: png.BestCompression}).Encode(&b, at(size))
		return b.Bytes()
	}
	var entries [][]byte
	for _, size := range FaviconSizes {
		entries = append(entries, encode(size))
	}
	s.Touch, s.AppSmall, s.AppLarge = encode(TouchSize), encode(AppSmallSize), encode(AppLargeSize)
	if err != nil {
		return nil, fmt.Errorf("icon: %w", err)
	}
	s.Favicon, err = ICO(FaviconSizes, entries)
	if err != nil {
		return nil, err
	}
	return &s, nil
}

// ICO packs square PNG images into an ICO file: a six-byte header (0,
// type 1 for icons, the count), a sixteen-byte directory entry per image
// (width and height, 0 for 256; no palette; one plane; 32 bits a pixel;
// the data's length and offset, little-endian), then the PNG files
// themselves, which every browser and Windows since Vista reads.
func ICO(sizes []int, pngs [][]byte) ([]byte, error) {
	if len(sizes) != len(pngs) || len(sizes) == 0 || len(sizes) > 0xffff {
		return nil, errors.New("icon: one size per image")
	}
	var b bytes.Buffer
	le := binary.LittleEndian
	b.Write(le.AppendUint16(nil, 0))
	b.Write(le.AppendUint16(nil, 1))
	b.Write(le.AppendUint16(nil, uint16(len(pngs))))
	offset := 6 + 16*len(pngs)
	for i, p := range pngs {
		size := sizes[i]
		if size <= 0 || size > 256 {
			return nil, fmt.Errorf("icon: %d pixels does not fit an ICO entry", size)
		}
		b.WriteByte(byte(size % 256)) // 256 is written 0
		b.WriteByte(byte(size % 256))
		b.WriteByte(0) // no palette
		b.WriteByte(0) // reserved
		b.Write(le.AppendUint16(nil, 1))
		b.Write(le.AppendUint16(nil, 32))
		b.Write(le.AppendUint32(nil, uint32(len(p))))
		b.Write(le.AppendUint32(nil, uint32(offset)))
		offset += len(p)
	}
	for _, p := range pngs {
		b.Write(p)
	}
	return b.Bytes(), nil
}
