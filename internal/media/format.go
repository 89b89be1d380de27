package media

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/gif"
	"image/jpeg"
	"image/png"
	"io"

	"golang.org/x/image/draw"
	"golang.org/x/image/webp"
)

// format is an accepted kind of upload. Each is decoded by its own package,
// chosen from the file's first bytes: the image package's registry (which
// any imported package can add to) is never consulted.
type format struct {
	ext          string // of the original, for the rules that depend on it
	decodeConfig func(io.Reader) (image.Config, error)
	decode       func(io.Reader) (image.Image, error)
}

var (
	jpegFormat = &format{"jpg", jpeg.DecodeConfig, jpeg.Decode}
	pngFormat  = &format{"png", png.DecodeConfig, png.Decode}
	// A GIF keeps its first frame only, as a PNG: an animation would need
	// every frame decoded and re-encoded, which is not worth it for a news
	// photograph.
	gifFormat  = &format{"gif", gif.DecodeConfig, gif.Decode}
	webpFormat = &format{"webp", webp.DecodeConfig, webp.Decode}
)

// sniff names the format from the magic numbers at the start of the file,
// or nil. The file's name and declared type are never asked: an HTML page
// called photo.jpg is HTML.
func sniff(b []byte) *format {
	switch {
	case bytes.HasPrefix(b, []byte{0xFF, 0xD8, 0xFF}):
		return jpegFormat
	case bytes.HasPrefix(b, []byte("\x89PNG\r\n\x1a\n")):
		return pngFormat
	case bytes.HasPrefix(b, []byte("GIF87a")), bytes.HasPrefix(b, []byte("GIF89a")):
		return gifFormat
	case len(b) >= 16 && string(b[0:4]) == "RIFF" && string(b[8:12]) == "WEBP":
		switch string(b[12:16]) {
		case "VP8 ", "VP8L", "VP8X":
			return webpFormat
		}
	}
	return nil
}

// fit puts a decoded picture on a canvas of the size its header declared,
// at the origin: a GIF's first frame may be smaller than its screen, and
// placed anywhere on it.
func fit(img image.Image, cfg image.Config) image.Image {
	want := image.Rect(0, 0, cfg.Width, cfg.Height)
	if img.Bounds() == want {
		return img
	}
	canvas := image.NewRGBA(want)
	draw.Draw(canvas, img.Bounds(), img, img.Bounds().Min, draw.Src)
	return canvas
}

func opaque(img image.Image) bool {
	o, ok := img.(interface{ Opaque() bool })
	return ok && o.Opaque()
}

// kernel resizes the variants. Catmull-Rom is the sharpest of the
// resamplers in x/image/draw that does not ring visibly; see the benchmark
// in media_test.go for its cost.
var kernel draw.Interpolator = draw.CatmullRom

// scale resizes src to w×h.
func scale(src image.Image, w, h int) *image.RGBA {
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	kernel.Scale(dst, dst.Bounds(), src, src.Bounds(), draw.Src, nil)
	return dst
}

// orientScale turns the stored picture the way its EXIF orientation says
// it is seen, at w×h (the seen size). With nothing to turn or resize, the
// decoded picture is encoded as it is.
func orientScale(src image.Image, orientation, w, h int) image.Image {
	sw, sh := w, h // the size before turning
	if orientation >= 5 {
		sw, sh = h, w
	}
	b := src.Bounds()
	if orientation == 1 && b.Dx() == sw && b.Dy() == sh {
		return src
	}
	var m *image.RGBA
	if b.Dx() == sw && b.Dy() == sh {
		m = image.NewRGBA(image.Rect(0, 0, sw, sh))
		draw.Draw(m, m.Bounds(), src, b.Min, draw.Src)
	} else {
		// A box filter takes the picture most of the way down in one cheap
		// pass over the decoded pixels, leaving the kernel less than
		// halving to do: several times faster, and no different to the eye.
		// Either way the kernel reads RGBA: it would otherwise convert
		// each source pixel (from YCbCr, say) once per tap.
		if f := min(b.Dx()/sw, b.Dy()/sh); f >= 2 {
			src = shrink(src, f)
		} else if _, ok := src.(*image.RGBA); !ok {
			rgba := image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
			draw.Draw(rgba, rgba.Bounds(), src, b.Min, draw.Src)
			src = rgba
		}
		m = scale(src, sw, sh)
	}
	return orient(m, orientation)
}

// shrink reduces src by an integer factor f, each pixel the average of an
// f×f block (the last f-1 rows and columns at most are dropped). Rows are
// converted to RGBA f at a time, so a large picture is never held twice.
func shrink(src image.Image, f int) *image.RGBA {
	b := src.Bounds()
	w, h := b.Dx()/f, b.Dy()/f
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	rows := image.NewRGBA(image.Rect(0, 0, w*f, f))
	sums := make([]uint32, 4*w)
	n := uint32(f * f)
	for y := range h {
		draw.Draw(rows, rows.Bounds(), src, image.Pt(b.Min.X, b.Min.Y+y*f), draw.Src)
		clear(sums)
		for r := range f {
			row := rows.Pix[r*rows.Stride:][:4*w*f]
			for x := range w * f {
				o := 4 * (x / f)
				sums[o] += uint32(row[4*x])
				sums[o+1] += uint32(row[4*x+1])
				sums[o+2] += uint32(row[4*x+2])
				sums[o+3] += uint32(row[4*x+3])
			}
		}
		out := dst.Pix[y*dst.Stride:][:4*w]
		for i, s := range sums {
			out[i] = uint8((s + n/2) / n)
		}
	}
	return dst
}

// orient returns m turned and flipped as EXIF orientation o (1–8) says.
func orient(m *image.RGBA, o int) *image.RGBA {
	if o <= 1 || o > 8 {
		return m
	}
	W, H := m.Bounds().Dx(), m.Bounds().Dy()
	dw, dh := W, H
	if o >= 5 {
		dw, dh = H, W
	}
	dst := image.NewRGBA(image.Rect(0, 0, dw, dh))
	for dy := range dh {
		for dx := range dw {
			var sx, sy int
			switch o {
			case 2: // mirrored
				sx, sy = W-1-dx, dy
			case 3: // upside down
				sx, sy = W-1-dx, H-1-dy
			case 4: // mirrored upside down
				sx, sy = dx, H-1-dy
			case 5: // mirrored, on its side
				sx, sy = dy, dx
			case 6: // to turn a quarter clockwise
				sx, sy = dy, H-1-dx
			case 7: // mirrored, on its other side
				sx, sy = W-1-dy, H-1-dx
			case 8: // to turn a quarter anticlockwise
				sx, sy = W-1-dy, dx
			}
			copy(dst.Pix[dst.PixOffset(dx, dy):][:4], m.Pix[m.PixOffset(sx, sy):][:4])
		}
	}
	return dst
}

// output is a format the variants are written in.
type output struct {
	ext    string
	encode func(m image.Image, quality int) ([]byte, error)
}

var (
	jpegOut = output{"jpg", func(m image.Image, quality int) ([]byte, error) {
		var b bytes.Buffer
		err := jpeg.Encode(&b, m, &jpeg.Options{Quality: quality})
		return b.Bytes(), err
	}}
	pngOut = output{"png", func(m image.Image, _ int) ([]byte, error) {
		var b bytes.Buffer
		err := (&png.Encoder{CompressionLevel: png.BestCompression}).Encode(&b, m)
		return b.Bytes(), err
	}}
)

// jpegOrientation reads the EXIF orientation of a JPEG (1 when it has
// none). The metadata is not kept, so the turn it asks for is applied to
// the pixels instead: phones store portraits on their side.
func jpegOrientation(b []byte) int {
	i := 2 // after the start-of-image marker
	for i+4 <= len(b) {
		if b[i] != 0xFF {
			return 1
		}
		marker := b[i+1]
		switch {
		case marker == 0xFF: // fill byte
			i++
			continue
		case marker == 0x01 || marker >= 0xD0 && marker <= 0xD8:
			i += 2
			continue
		case marker == 0xDA || marker == 0xD9: // the pixels start: no metadata after
			return 1
		}
		n := int(binary.BigEndian.Uint16(b[i+2:]))
		if n < 2 || i+2+n > len(b) {
			return 1
		}
		seg := b[i+4 : i+2+n]
		if marker == 0xE1 && bytes.HasPrefix(seg, []byte("Exif\x00\x00")) {
			return tiffOrientation(seg[6:])
		}
		i += 2 + n
	}
	return 1
}

// tiffOrientation finds tag 0x0112 in the first directory of a TIFF
// header, as EXIF stores it.
func tiffOrientation(t []byte) int {
	if len(t) < 8 {
		return 1
	}
	var order binary.ByteOrder
	switch string(t[:2]) {
	case "II":
		order = binary.LittleEndian
	case "MM":
		order = binary.BigEndian
	default:
		return 1
	}
	if order.Uint16(t[2:]) != 42 {
		return 1
	}
	off := uint64(order.Uint32(t[4:]))
	if off < 8 || off+2 > uint64(len(t)) {
		return 1
	}
	entries := int(order.Uint16(t[off:]))
	for k := range entries {
		e := off + 2 + 12*uint64(k)
		if e+12 > uint64(len(t)) {
			return 1
		}
		if order.Uint16(t[e:]) != 0x0112 {
			continue
		}
		if order.Uint16(t[e+2:]) != 3 { // SHORT
			return 1
		}
		if v := int(order.Uint16(t[e+8:])); v >= 1 && v <= 8 {
			return v
		}
		return 1
	}
	return 1
}
