package media

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"image"
	"image/draw"
	"image/jpeg"
	"image/png"
	"math"
	"strconv"
	"strings"

	"github.com/midad/midad/internal/news"
)

// CropWidth is the widest crop made. Google asks for images at least 1,200
// pixels wide in 16:9, 4:3 and 1:1; 1,600 gives share cards and
// high-density screens room. A crop is as wide as the picture allows up to
// CropWidth: at least 1,200 whenever the region of that ratio in the
// picture is, and when the picture is smaller, the largest crop it holds,
// never enlarged (an enlarged picture is no sharper, only heavier).
const CropWidth = 1600

// KeyFocus is the error key of a focal point outside the picture.
const KeyFocus = "media.error.focus"

// cropped is one encoded crop, ready to write.
type cropped struct {
	encoded
	ratio string
}

// ratioParts reads "16:9" as 16 and 9.
func ratioParts(ratio string) (a, b int, ok bool) {
	x, y, found := strings.Cut(ratio, ":")
	a, err1 := strconv.Atoi(x)
	b, err2 := strconv.Atoi(y)
	if !found || err1 != nil || err2 != nil || a <= 0 || b <= 0 {
		return 0, 0, false
	}
	return a, b, true
}

// cropRect is the largest region of a w×h picture at ratio whose sides are
// exact multiples of it, placed so that the focal point (fx, fy, fractions
// of the width and height) is as near its centre as the picture's edges
// allow; and the size of the crop made from it. An empty rectangle when
// the picture is too small to hold one.
func cropRect(w, h int, ratio string, fx, fy float64) (r image.Rectangle, outW, outH int) {
	a, b, ok := ratioParts(ratio)
	if !ok || w <= 0 || h <= 0 {
		return image.Rectangle{}, 0, 0
	}
	n := min(w/a, h/b) // the region is n·a × n·b
	if n == 0 {
		return image.Rectangle{}, 0, 0
	}
	rw, rh := n*a, n*b
	x := clampInt(int(math.Round(clamp01(fx)*float64(w)-float64(rw)/2)), 0, w-rw)
	y := clampInt(int(math.Round(clamp01(fy)*float64(h)-float64(rh)/2)), 0, h-rh)
	m := min(n, CropWidth/a) // the crop is m·a × m·b: exactly the ratio
	return image.Rect(x, y, x+rw, y+rh), m * a, m * b
}

func clamp01(f float64) float64 {
	if f != f || f < 0 {
		return 0
	}
	return min(f, 1)
}

func clampInt(v, lo, hi int) int { return max(lo, min(v, hi)) }

// storedRect maps a rectangle of the picture as it is seen onto the
// decoded pixels, which EXIF orientation o (see orient) says are stored
// turned or flipped; W×H is the stored size.
func storedRect(r image.Rectangle, o, W, H int) image.Rectangle {
	x0, y0, x1, y1 := r.Min.X, r.Min.Y, r.Max.X, r.Max.Y
	switch o {
	case 2:
		return image.Rect(W-x1, y0, W-x0, y1)
	case 3:
		return image.Rect(W-x1, H-y1, W-x0, H-y0)
	case 4:
		return image.Rect(x0, H-y1, x1, H-y0)
	case 5:
		return image.Rect(y0, x0, y1, x1)
	case 6:
		return image.Rect(y0, H-x1, y1, H-x0)
	case 7:
		return image.Rect(W-y1, H-x1, W-y0, H-x0)
	case 8:
		return image.Rect(W-y1, x0, W-y0, x1)
	}
	return r
}

// subImage returns the part r (relative to the picture's origin) of img.
func subImage(img image.Image, r image.Rectangle) image.Image {
	r = r.Add(img.Bounds().Min)
	if s, ok := img.(interface {
		SubImage(image.Rectangle) image.Image
	}); ok {
		return s.SubImage(r)
	}
	m := image.NewRGBA(image.Rect(0, 0, r.Dx(), r.Dy()))
	draw.Draw(m, m.Bounds(), img, r.Min, draw.Src)
	return m
}

// makeCrops cuts img (stored pixels, to be turned by orientation; w×h as
// seen) at each of news.CropRatios around the focal point, and encodes the
// crops like the variants. When small (the largest variant, as seen; nil
// if there is none) gives a crop as large as img would, the crop is cut
// from it instead: the same pixels, for scaling the variant once served
// every crop at its scale, and far less work than scaling the original
// again (a landscape photograph's 16:9 and 4:3 crops, every crop of a
// portrait one).
func makeCrops(img image.Image, orientation, w, h int, small image.Image, fx, fy float64, out output, quality int) ([]cropped, error) {
	b := img.Bounds()
	var crops []cropped
	for _, ratio := range news.CropRatios {
		r, cw, ch := cropRect(w, h, ratio, fx, fy)
		if r.Empty() {
			continue
		}
		var m image.Image
		if small != nil {
			sb := small.Bounds()
			if sr, sw, sh := cropRect(sb.Dx(), sb.Dy(), ratio, fx, fy); !sr.Empty() && sw == cw && sh == ch {
				m = orientScale(subImage(small, sr), 1, cw, ch)
			}
		}
		if m == nil {
			m = orientScale(subImage(img, storedRect(r, orientation, b.Dx(), b.Dy())), orientation, cw, ch)
		}
		data, err := out.encode(m, quality)
		if err != nil {
			return nil, fmt.Errorf("encode %s crop: %w", ratio, err)
		}
		crops = append(crops, cropped{encoded{width: cw, height: ch, ext: out.ext, data: data}, ratio})
	}
	return crops, nil
}

// writeCrops stores crops beside the image's variants under names of their
// own, new each time (a crop's address changes with its focal point, so
// that no cache keeps the old one), and sets im.Crops. If one fails, none
// is left.
func (s *Service) writeCrops(ctx context.Context, im *news.Image, crops []cropped) error {
	var random [4]byte
	rand.Read(random[:])
	token := hex.EncodeToString(random[:])
	list := make([]news.ImageVariant, 0, len(crops))
	for _, c := range crops {
		v := news.ImageVariant{Width: c.width, Height: c.height, Ratio: c.ratio,
			File: im.Name + "-" + strings.ReplaceAll(c.ratio, ":", "x") + "-" + token + "-" + strconv.Itoa(c.width) + "." + c.ext}
		if err := s.objs.Put(ctx, v.File, c.data); err != nil {
			s.remove(list)
			return err
		}
		list = append(list, v)
	}
	im.Crops = list
	return nil
}

// largest decodes the largest variant of im: what crops are cut from once
// the upload is gone (the original is never kept).
func (s *Service) largest(ctx context.Context, im news.Image) (image.Image, output, error) {
	if len(im.Variants) == 0 {
		return nil, output{}, fmt.Errorf("image %d has no variants", im.ID)
	}
	v := im.Variants[len(im.Variants)-1]
	f, _, err := s.objs.Open(ctx, v.File)
	if err != nil {
		return nil, output{}, fmt.Errorf("open image %d: %w", im.ID, err)
	}
	defer f.Close()
	var img image.Image
	out := pngOut
	if strings.HasSuffix(v.File, ".jpg") {
		out = jpegOut
		img, err = jpeg.Decode(f)
	} else {
		img, err = png.Decode(f)
	}
	if err != nil {
		return nil, output{}, fmt.Errorf("decode image %d: %w", im.ID, err)
	}
	return img, out, nil
}

// Largest decodes an image's largest variant, for the pictures made from
// it elsewhere (the site's icons).
func (s *Service) Largest(ctx context.Context, id int64) (image.Image, news.Image, error) {
	im, err := s.store.Image(ctx, id)
	if err != nil {
		return nil, im, err
	}
	img, _, err := s.largest(ctx, im)
	return img, im, err
}

// SetFocus moves an image's focal point (fractions of its width and height
// from the top-left corner) and cuts its crops again around it, from its
// largest variant: a landscape picture's square crop is then at most as
// tall as that variant, where the upload gave one from the original. The
// new crops get new names; the old files are removed once the record
// names the new ones, so a failure leaves the old crops in place.
// news.ErrNotFound if there is no such image.
func (s *Service) SetFocus(ctx context.Context, id int64, fx, fy float64) (news.Image, error) {
	if fx != fx || fy != fy || fx < 0 || fx > 1 || fy < 0 || fy > 1 {
		return news.Image{}, &Error{Field: "focus", Key: KeyFocus}
	}
	im, err := s.store.Image(ctx, id)
	if err != nil {
		return news.Image{}, err
	}
	select {
	case s.slots <- struct{}{}:
	case <-ctx.Done():
		return news.Image{}, ctx.Err()
	}
	crops, err := func() ([]cropped, error) {
		defer func() { <-s.slots }()
		img, out, err := s.largest(ctx, im)
		if err != nil {
			return nil, err
		}
		b := img.Bounds()
		return makeCrops(img, 1, b.Dx(), b.Dy(), nil, fx, fy, out, s.o.Quality)
	}()
	if err != nil {
		return news.Image{}, err
	}
	old := im.Crops
	im.FocusX, im.FocusY = fx, fy
	if err := s.writeCrops(ctx, &im, crops); err != nil {
		return news.Image{}, err
	}
	if err := s.store.SetImageFocus(ctx, im.ID, fx, fy, im.Crops); err != nil {
		s.remove(im.Crops)
		return news.Image{}, err
	}
	s.remove(old)
	return im, nil
}

// CropsMade counts what MakeMissingCrops did.
type CropsMade struct {
	Images  int // images that got crops
	Skipped int // images that had them already, or too small to give any
	Failed  int // images whose crops could not be made (missing files)
}

// MakeMissingCrops cuts the crops of every image that has none (uploaded
// before crops existed), around its focal point; running it again changes
// nothing. An image whose files are missing is counted and skipped, the
// others still get theirs; report, if not nil, hears of each failure.
func (s *Service) MakeMissingCrops(ctx context.Context, report func(id int64, err error)) (CropsMade, error) {
	var done CropsMade
	var after int64
	for {
		list, err := s.store.ImagesAfter(ctx, after, 100)
		if err != nil {
			return done, err
		}
		if len(list) == 0 {
			return done, nil
		}
		for _, im := range list {
			after = im.ID
			if len(im.Crops) > 0 {
				done.Skipped++
				continue
			}
			got, err := s.SetFocus(ctx, im.ID, im.FocusX, im.FocusY)
			if err != nil {
				if ctx.Err() != nil {
					return done, ctx.Err()
				}
				done.Failed++
				if report != nil {
					report(im.ID, err)
				}
				continue
			}
			if len(got.Crops) == 0 { // too small to give any
				done.Skipped++
				continue
			}
			done.Images++
		}
	}
}
