// Package media takes pictures uploaded by the newsroom and keeps re-encoded,
// resized copies of them. Nothing a client sent is stored or served as it
// came: the type is read from the bytes, the size is checked before the
// pixels are decoded, and what is written is a new file under a generated
// name.
package media

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"golang.org/x/sync/semaphore"
	"image"
	"image/color"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/midad/midad/internal/news"
)

// Defaults for Options.
const (
	DefaultMaxBytes   = 15 << 20
	DefaultMaxPixels  = 40_000_000
	DefaultMaxSide    = 12_000
	DefaultQuality    = 82
	DefaultConcurrent = 2
)

// DefaultWidths are the widths of the variants, for srcset: a phone, a
// tablet or narrow column, and a wide screen.
var DefaultWidths = []int{480, 960, 1600}

// Limits on what is said about an image, in characters.
const (
	MaxAlt     = 300
	MaxCaption = 1000
	MaxCredit  = 200
)

// Store keeps the images' records; the files are the Service's.
type Store interface {
	CreateImage(ctx context.Context, im *news.Image) error
	Image(ctx context.Context, id int64) (news.Image, error)
	Images(ctx context.Context, limit int) ([]news.Image, error)
	UpdateImage(ctx context.Context, im news.Image) error
	SetImageFocus(ctx context.Context, id int64, fx, fy float64, crops []news.ImageVariant) error
	ImagesAfter(ctx context.Context, afterID int64, limit int) ([]news.Image, error)
}

// Options tune the Service; zero values take the defaults.
type Options struct {
	MaxBytes  int64 // largest upload accepted
	MaxPixels int64 // largest width×height decoded
	MaxSide   int   // longest side decoded, in pixels
	Widths    []int // variant widths; the largest is the widest stored
	Quality   int   // JPEG quality of the variants
	// Concurrent bounds how many uploads are decoded at once: a
	// 40-megapixel picture takes about 160 MB while it is resized.
	Concurrent int
	// DecodeBudget bounds the memory that the decodes running at once may
	// take together, in bytes (DefaultDecodeBudget): each upload reserves
	// what its header says it will cost before it is decoded, and waits
	// for room. It is the ceiling whatever the mix of uploads.
	DecodeBudget int64
	Now          func() time.Time // for the year/month in names; time.Now by default
	// Objects is where the files go; nil: the directory given to New.
	Objects Objects
}

// DefaultDecodeBudget is the memory all decodes together may take; with
// the garbage collector's slack the process holds up to twice as much.
const DefaultDecodeBudget = 256 << 20

// decodeCost is what decoding and resizing a picture takes, in bytes per
// pixel, measured with the garbage collector's slack: the decoded image,
// its RGBA copy, and the first variant. A 40-megapixel picture (480 MB)
// takes the whole budget, alone.
const decodeCost = 12

// maxPixelsPerByte is how many pixels a file may claim per byte of it,
// beyond 4 megapixels: photographs carry one per byte or so, flat
// drawings tens; a 116 KB file claiming 40 megapixels (345 per byte) is
// made to cost memory, not to be looked at.
const maxPixelsPerByte = 250

// Service stores uploaded images in its Objects.
type Service struct {
	store  Store
	objs   Objects
	o      Options
	slots  chan struct{}
	budget *semaphore.Weighted
	// reserved is what the decodes running now have taken of the budget,
	// and peakReserved the most it has been, for tests to read.
	reserved, peakReserved atomic.Int64
}

// New returns a Service that writes under dir (or in o.Objects when set)
// and records in store.
func New(store Store, dir string, o Options) *Service {
	if o.Objects == nil {
		o.Objects = Dir(dir)
	}
	if o.MaxBytes <= 0 {
		o.MaxBytes = DefaultMaxBytes
	}
	if o.MaxPixels <= 0 {
		o.MaxPixels = DefaultMaxPixels
	}
	if o.MaxSide <= 0 {
		o.MaxSide = DefaultMaxSide
	}
	if len(o.Widths) == 0 {
		o.Widths = DefaultWidths
	}
	o.Widths = slices.Sorted(slices.Values(o.Widths))
	if o.Quality <= 0 || o.Quality > 100 {
		o.Quality = DefaultQuality
	}
	if o.Concurrent <= 0 {
		o.Concurrent = DefaultConcurrent
	}
	if o.DecodeBudget <= 0 {
		o.DecodeBudget = DefaultDecodeBudget
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	return &Service{store: store, objs: o.Objects, o: o, slots: make(chan struct{}, o.Concurrent), budget: semaphore.NewWeighted(o.DecodeBudget)}
}

// MaxBytes is the largest upload accepted, for limits on request bodies.
func (s *Service) MaxBytes() int64 { return s.o.MaxBytes }

// Error is an upload or a description refused because of what the person
// sent; Key is the translation key of the message that tells them why, and
// Field the form field at fault ("file", "alt", "caption" or "credit").
type Error struct {
	Field string
	Key   string
	err   error // the decoder's complaint, for logs
}

func (e *Error) Error() string {
	if e.err != nil {
		return fmt.Sprintf("media %s: %s: %v", e.Field, e.Key, e.err)
	}
	return fmt.Sprintf("media %s: %s", e.Field, e.Key)
}

func (e *Error) Unwrap() error { return e.err }

// The keys of Error.
const (
	KeyTooBig      = "media.error.too_big"
	KeyEmpty       = "media.error.empty"
	KeyType        = "media.error.type"
	KeyPixels      = "media.error.pixels"
	KeyCorrupt     = "media.error.corrupt"
	KeyDensity     = "media.error.density"
	KeyTooLong     = "media.error.field_too_long"
	KeyInvalidText = "media.error.invalid_text"
)

func fileError(key string, err error) *Error { return &Error{Field: "file", Key: key, err: err} }

// Meta is what the newsroom says about an image.
type Meta struct {
	Alt, Caption, Credit string
	UploadedBy           int64 // the account; 0 when unknown
}

var lineBreaks = strings.NewReplacer("\r\n", " ", "\r", " ", "\n", " ", "\t", " ")

// clean trims the texts and checks them: valid UTF-8, no control
// characters (line breaks and tabs, which a textarea sends, become
// spaces), and not too long.
func (m Meta) clean() (Meta, error) {
	fields := []struct {
		name string
		v    *string
		max  int
	}{{"alt", &m.Alt, MaxAlt}, {"caption", &m.Caption, MaxCaption}, {"credit", &m.Credit, MaxCredit}}
	for _, f := range fields {
		s := *f.v
		if !utf8.ValidString(s) {
			return m, &Error{Field: f.name, Key: KeyInvalidText}
		}
		s = lineBreaks.Replace(s)
		if strings.ContainsFunc(s, unicode.IsControl) {
			return m, &Error{Field: f.name, Key: KeyInvalidText}
		}
		s = strings.TrimSpace(s)
		if utf8.RuneCountInString(s) > f.max {
			return m, &Error{Field: f.name, Key: KeyTooLong}
		}
		*f.v = s
	}
	return m, nil
}

// Upload reads an image from src, checks it, and stores its variants and
// its record. A refused upload is an *Error and leaves nothing behind.
func (s *Service) Upload(ctx context.Context, src io.Reader, meta Meta) (news.Image, error) {
	meta, err := meta.clean()
	if err != nil {
		return news.Image{}, err
	}
	data, err := s.read(src)
	if err != nil {
		return news.Image{}, err
	}
	f := sniff(data)
	if f == nil {
		return news.Image{}, fileError(KeyType, nil)
	}
	// The header alone says how much memory decoding will take: refuse
	// before allocating it.
	cfg, err := f.decodeConfig(bytes.NewReader(data))
	if err != nil {
		return news.Image{}, fileError(KeyCorrupt, err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return news.Image{}, fileError(KeyCorrupt, errors.New("empty image"))
	}
	pixels := int64(cfg.Width) * int64(cfg.Height)
	// A 16-bit PNG takes twice the memory per pixel: it gets half as many.
	if cfg.ColorModel == color.RGBA64Model || cfg.ColorModel == color.NRGBA64Model {
		pixels *= 2
	}
	if cfg.Width > s.o.MaxSide || cfg.Height > s.o.MaxSide || pixels > s.o.MaxPixels {
		return news.Image{}, fileError(KeyPixels, fmt.Errorf("%d×%d pixels", cfg.Width, cfg.Height))
	}

	if pixels > 4_000_000 && pixels > maxPixelsPerByte*int64(len(data)) {
		return news.Image{}, fileError(KeyDensity, fmt.Errorf("%d×%d pixels in %d bytes", cfg.Width, cfg.Height, len(data)))
	}

	select {
	case s.slots <- struct{}{}:
	case <-ctx.Done():
		return news.Image{}, ctx.Err()
	}
	cost := min(pixels*decodeCost, s.o.DecodeBudget)
	if err := s.budget.Acquire(ctx, cost); err != nil {
		<-s.slots
		return news.Image{}, err
	}
	for now, peak := s.reserved.Add(cost), s.peakReserved.Load(); now > peak && !s.peakReserved.CompareAndSwap(peak, now); {
		peak = s.peakReserved.Load()
	}
	files, crops, err := s.render(f, data, cfg)
	s.reserved.Add(-cost)
	s.budget.Release(cost)
	<-s.slots
	if err != nil {
		return news.Image{}, err
	}

	im := news.Image{Alt: meta.Alt, Caption: meta.Caption, Credit: meta.Credit, UploadedBy: meta.UploadedBy}
	if err := s.write(ctx, &im, files); err != nil {
		return news.Image{}, err
	}
	if err := s.writeCrops(ctx, &im, crops); err != nil {
		s.remove(im.Variants)
		return news.Image{}, err
	}
	if err := s.store.CreateImage(ctx, &im); err != nil {
		s.remove(im.Variants)
		s.remove(im.Crops)
		return news.Image{}, fmt.Errorf("record image: %w", err)
	}
	return im, nil
}

// read returns the upload's bytes, refusing more than MaxBytes without
// reading past the limit.
func (s *Service) read(src io.Reader) ([]byte, error) {
	var buf bytes.Buffer
	n, err := buf.ReadFrom(io.LimitReader(src, s.o.MaxBytes+1))
	if err != nil {
		if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
			return nil, fileError(KeyTooBig, err)
		}
		return nil, fmt.Errorf("read upload: %w", err)
	}
	if n > s.o.MaxBytes {
		return nil, fileError(KeyTooBig, nil)
	}
	if n == 0 {
		return nil, fileError(KeyEmpty, nil)
	}
	return buf.Bytes(), nil
}

// encoded is one variant ready to write.
type encoded struct {
	width, height int
	ext           string
	data          []byte
}

// render decodes the image and encodes its variants, smallest first, and
// its crops around the centre, cut from the original (crop.go).
func (s *Service) render(f *format, data []byte, cfg image.Config) ([]encoded, []cropped, error) {
	img, err := f.decode(bytes.NewReader(data))
	if err != nil {
		return nil, nil, fileError(KeyCorrupt, err)
	}
	img = fit(img, cfg)
	orientation := 1
	if f.ext == "jpg" {
		orientation = jpegOrientation(data)
	}
	out := pngOut
	// A JPEG stays a JPEG; so does a WebP photograph (browsers that cannot
	// show WebP are rare now, but every one shows JPEG). Anything with
	// transparency, drawings and screenshots stay lossless.
	if f.ext == "jpg" || f.ext == "webp" && opaque(img) {
		out = jpegOut
	}

	w, h := cfg.Width, cfg.Height
	if orientation >= 5 {
		w, h = h, w // the picture as it is seen
	}
	widths := variantWidths(s.o.Widths, w)
	files := make([]encoded, 0, len(widths))
	var prev, top image.Image
	for i := len(widths) - 1; i >= 0; i-- {
		vw := widths[i]
		vh := max(1, (h*vw+w/2)/w)
		var m image.Image
		if prev == nil {
			m = orientScale(img, orientation, vw, vh)
		} else {
			// Each variant is made from the next larger one: the same
			// result to the eye, in a fraction of the time.
			m = scale(prev, vw, vh)
		}
		b, err := out.encode(m, s.o.Quality)
		if err != nil {
			return nil, nil, fmt.Errorf("encode %d×%d: %w", vw, vh, err)
		}
		files = append(files, encoded{width: vw, height: vh, ext: out.ext, data: b})
		prev = m
		if top == nil {
			top = m // the largest variant, which most crops are cut from
		}
	}
	slices.Reverse(files) // smallest first, as srcset lists them
	crops, err := makeCrops(img, orientation, w, h, top, 0.5, 0.5, out, s.o.Quality)
	if err != nil {
		return nil, nil, err
	}
	return files, crops, nil
}

// variantWidths picks the widths to make for a picture w pixels wide: each
// configured width well below it, and the picture itself up to the largest
// width. Nothing is enlarged.
func variantWidths(widths []int, w int) []int {
	top := min(w, widths[len(widths)-1])
	var out []int
	for _, v := range widths {
		// A variant within 15% of the top one would only cost space.
		if v < top && v*100 <= top*85 {
			out = append(out, v)
		}
	}
	return append(out, top)
}

// write stores the variants under a new name and fills im's files and
// sizes. Each object is complete before it gets its name; if one fails,
// none is left.
func (s *Service) write(ctx context.Context, im *news.Image, files []encoded) error {
	var random [16]byte
	rand.Read(random[:])
	now := s.o.Now().UTC()
	im.Name = now.Format("2006/01") + "/" + hex.EncodeToString(random[:])
	im.Type = files[0].mime()
	for _, f := range files {
		v := news.ImageVariant{Width: f.width, Height: f.height,
			File: im.Name + "-" + strconv.Itoa(f.width) + "." + f.ext, Bytes: int64(len(f.data))}
		if err := s.objs.Put(ctx, v.File, f.data); err != nil {
			s.remove(im.Variants)
			return err
		}
		im.Variants = append(im.Variants, v)
		im.Bytes += int64(len(f.data))
	}
	last := im.Variants[len(im.Variants)-1]
	im.Width, im.Height = last.Width, last.Height
	return nil
}

func (e encoded) mime() string {
	if e.ext == "jpg" {
		return "image/jpeg"
	}
	return "image/png"
}

// writeFile writes data to a temporary file beside path, flushes it to
// disk and renames it, so that path is either absent or complete.
func writeFile(path string, data []byte) (err error) {
	f, err := os.CreateTemp(filepath.Dir(path), ".upload-*")
	if err != nil {
		return fmt.Errorf("write image: %w", err)
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
			err = fmt.Errorf("write image: %w", err)
		}
	}()
	if err = f.Chmod(0o640); err != nil {
		return err
	}
	if _, err = f.Write(data); err != nil {
		return err
	}
	if err = f.Sync(); err != nil {
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	return os.Rename(f.Name(), path)
}

// remove deletes the files of variants, after a failure, even when the
// request that wrote them is gone; what it misses, media gc finds.
func (s *Service) remove(variants []news.ImageVariant) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	for _, v := range variants {
		s.objs.Remove(ctx, v.File)
	}
}

// Image returns one image; news.ErrNotFound if there is none.
func (s *Service) Image(ctx context.Context, id int64) (news.Image, error) {
	return s.store.Image(ctx, id)
}

// Images lists the latest images, newest first.
func (s *Service) Images(ctx context.Context, limit int) ([]news.Image, error) {
	return s.store.Images(ctx, limit)
}

// Describe changes an image's alt text, caption and credit, checked as on
// upload; news.ErrNotFound if there is no such image.
func (s *Service) Describe(ctx context.Context, id int64, meta Meta) (news.Image, error) {
	meta, err := meta.clean()
	if err != nil {
		return news.Image{}, err
	}
	im, err := s.store.Image(ctx, id)
	if err != nil {
		return news.Image{}, err
	}
	im.Alt, im.Caption, im.Credit = meta.Alt, meta.Caption, meta.Credit
	if err := s.store.UpdateImage(ctx, im); err != nil {
		return news.Image{}, err
	}
	return im, nil
}
