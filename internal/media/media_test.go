package media_test

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/midad/midad/internal/media"
	"github.com/midad/midad/internal/news"
	"github.com/midad/midad/internal/store"
)

var now = time.Date(2026, 11, 3, 10, 0, 0, 0, time.UTC)

// newService returns a Service writing under a temporary directory, with a
// real store on a temporary SQLite file.
func newService(t *testing.T, o media.Options) (*media.Service, *store.Store, string) {
	t.Helper()
	st := newStore(t)
	svc, dir := serviceOn(t, st, o)
	return svc, st, dir
}

func newStore(t *testing.T) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), "sqlite:"+filepath.Join(t.TempDir(), "midad.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// serviceOn returns a Service on an existing store, writing under a new
// directory.
func serviceOn(t *testing.T, st *store.Store, o media.Options) (*media.Service, string) {
	t.Helper()
	dir := t.TempDir()
	if o.Now == nil {
		o.Now = func() time.Time { return now }
	}
	return media.New(st, dir, o), dir
}

// files lists the regular files under dir, slash-separated.
func files(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		out = append(out, filepath.ToSlash(rel))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// photo draws a picture with detail in it, w×h, opaque.
func photo(w, h int) *image.RGBA {
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			m.Pix[m.PixOffset(x, y)+0] = uint8(x * 255 / w)
			m.Pix[m.PixOffset(x, y)+1] = uint8(y * 255 / h)
			m.Pix[m.PixOffset(x, y)+2] = uint8((x ^ y) & 0xFF)
			m.Pix[m.PixOffset(x, y)+3] = 0xFF
		}
	}
	return m
}

func encodeJPEG(t testing.TB, m image.Image) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := jpeg.Encode(&b, m, &jpeg.Options{Quality: 90}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func encodePNG(t testing.TB, m image.Image) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, m); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func encodeGIF(t testing.TB, w, h int) []byte {
	t.Helper()
	pal := color.Palette{color.Transparent, color.RGBA{0xC0, 0x20, 0x20, 0xFF}, color.RGBA{0x20, 0x20, 0xC0, 0xFF}}
	frame := func(c uint8) *image.Paletted {
		m := image.NewPaletted(image.Rect(0, 0, w, h), pal)
		for i := range m.Pix {
			m.Pix[i] = c
		}
		return m
	}
	var b bytes.Buffer
	err := gif.EncodeAll(&b, &gif.GIF{Image: []*image.Paletted{frame(1), frame(2)}, Delay: []int{10, 10}})
	if err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// translucent is an NRGBA picture whose left half is transparent.
func translucent(w, h int) *image.NRGBA {
	m := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			a := uint8(0xFF)
			if x < w/2 {
				a = 0
			}
			m.SetNRGBA(x, y, color.NRGBA{0x20, 0x80, 0xC0, a})
		}
	}
	return m
}

func readFile(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestUploadFormats(t *testing.T) {
	tests := []struct {
		name   string
		data   []byte
		typ    string // stored type
		widths [][2]int
		opts   media.Options
	}{
		{"large jpeg", encodeJPEG(t, photo(1700, 850)), "image/jpeg", [][2]int{{480, 240}, {960, 480}, {1600, 800}}, media.Options{}},
		{"jpeg reduced by a box filter first", encodeJPEG(t, photo(700, 350)), "image/jpeg", [][2]int{{100, 50}, {200, 100}, {300, 150}},
			media.Options{Widths: []int{300, 100, 200}}},
		{"jpeg between widths", encodeJPEG(t, photo(1000, 750)), "image/jpeg", [][2]int{{480, 360}, {1000, 750}}, media.Options{}},
		{"jpeg a little wider than a width", encodeJPEG(t, photo(520, 260)), "image/jpeg", [][2]int{{520, 260}}, media.Options{}},
		{"small jpeg", encodeJPEG(t, photo(300, 200)), "image/jpeg", [][2]int{{300, 200}}, media.Options{}},
		{"png with transparency", encodePNG(t, translucent(700, 350)), "image/png", [][2]int{{480, 240}, {700, 350}}, media.Options{}},
		{"gif, first frame", encodeGIF(t, 300, 200), "image/png", [][2]int{{300, 200}}, media.Options{}},
		{"webp photograph", readFile(t, "testdata/photo.webp"), "image/jpeg", [][2]int{{64, 48}}, media.Options{}},
		{"webp with transparency", readFile(t, "testdata/alpha.webp"), "image/png", [][2]int{{64, 48}}, media.Options{}},
	}
	st := newStore(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			svc, dir := serviceOn(t, st, tt.opts)
			im, err := svc.Upload(ctx, bytes.NewReader(tt.data), media.Meta{Alt: " مشهد من المدينة ", Caption: "الرباط", Credit: "مداد"})
			if err != nil {
				t.Fatal(err)
			}
			if im.ID == 0 || im.Type != tt.typ || im.Alt != "مشهد من المدينة" {
				t.Errorf("image = %+v", im)
			}
			if !strings.HasPrefix(im.Name, "2026/11/") || len(im.Name) != len("2026/11/")+32 {
				t.Errorf("name = %q, want 2026/11/<32 hex digits>", im.Name)
			}
			stored, err := st.Image(ctx, im.ID)
			if err != nil {
				t.Fatal(err)
			}
			if stored.Name != im.Name || len(stored.Variants) != len(im.Variants) || stored.Bytes != im.Bytes {
				t.Errorf("stored %+v\nreturned %+v", stored, im)
			}
			if len(im.Variants) != len(tt.widths) {
				t.Fatalf("variants = %+v, want sizes %v", im.Variants, tt.widths)
			}
			var total int64
			var srcset []string
			ext := ".png"
			decode := png.Decode
			if tt.typ == "image/jpeg" {
				ext, decode = ".jpg", jpeg.Decode
			}
			for i, v := range im.Variants {
				if v.Width != tt.widths[i][0] || v.Height != tt.widths[i][1] {
					t.Errorf("variant %d is %d×%d, want %v", i, v.Width, v.Height, tt.widths[i])
				}
				if want := im.Name + "-" + strconv.Itoa(v.Width) + ext; v.File != want {
					t.Errorf("variant %d file %q, want %q", i, v.File, want)
				}
				b := readFile(t, filepath.Join(dir, v.File))
				total += int64(len(b))
				m, err := decode(bytes.NewReader(b))
				if err != nil {
					t.Fatalf("variant %s does not decode as %s: %v", v.File, tt.typ, err)
				}
				if m.Bounds().Dx() != v.Width || m.Bounds().Dy() != v.Height {
					t.Errorf("variant %s is %v", v.File, m.Bounds())
				}
				srcset = append(srcset, "/media/"+v.File+" "+strconv.Itoa(v.Width)+"w")
			}
			if total != im.Bytes {
				t.Errorf("bytes = %d, files hold %d", im.Bytes, total)
			}
			last := im.Variants[len(im.Variants)-1]
			if im.Width != last.Width || im.Height != last.Height {
				t.Errorf("size %d×%d, largest variant %d×%d", im.Width, im.Height, last.Width, last.Height)
			}
			if got := im.SrcSet(); got != strings.Join(srcset, ", ") {
				t.Errorf("srcset = %q", got)
			}
			if got := im.Src(); got != "/media/"+last.File {
				t.Errorf("src = %q", got)
			}
			if got := files(t, dir); len(got) != len(im.Variants)+len(im.Crops) || len(im.Crops) != 3 {
				t.Errorf("files in the directory: %v", got)
			}
		})
	}
}

// TestGIFFirstFrame: of an animated GIF, the first frame is kept.
func TestGIFFirstFrame(t *testing.T) {
	svc, _, dir := newService(t, media.Options{})
	im, err := svc.Upload(context.Background(), bytes.NewReader(encodeGIF(t, 40, 30)), media.Meta{})
	if err != nil {
		t.Fatal(err)
	}
	m, err := png.Decode(bytes.NewReader(readFile(t, filepath.Join(dir, im.Variants[0].File))))
	if err != nil {
		t.Fatal(err)
	}
	if r, _, b, _ := m.At(10, 10).RGBA(); r>>8 != 0xC0 || b>>8 != 0x20 {
		t.Errorf("pixel = %v, want the first frame's red", m.At(10, 10))
	}
}

// jpegWithPayload is a JPEG carrying a comment and EXIF text inside, and
// an HTML page after its end.
func jpegWithPayload(t *testing.T) []byte {
	t.Helper()
	plain := encodeJPEG(t, photo(200, 100))
	segment := func(marker byte, body string) []byte {
		b := []byte{0xFF, marker, 0, 0}
		binary.BigEndian.PutUint16(b[2:], uint16(len(body)+2))
		return append(b, body...)
	}
	var b bytes.Buffer
	b.Write(plain[:2])
	b.Write(segment(0xE1, "Exif\x00\x00MM\x00\x2a\x00\x00\x00\x08\x00\x00GPS-SECRET-PAYLOAD"))
	b.Write(segment(0xFE, "<script>alert('comment')</script>"))
	b.Write(plain[2:])
	b.WriteString("<html><script>alert('appended')</script></html>")
	return b.Bytes()
}

func TestPayloadNotKept(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		end  []byte // how every stored file ends
	}{
		{"jpeg", jpegWithPayload(t), []byte{0xFF, 0xD9}},
		{"png", append(encodePNG(t, translucent(64, 64)), "<html><script>alert('appended')</script></html>"...),
			[]byte{'I', 'E', 'N', 'D', 0xAE, 0x42, 0x60, 0x82}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			svc, _, dir := newService(t, media.Options{})
			im, err := svc.Upload(context.Background(), bytes.NewReader(tt.data), media.Meta{})
			if err != nil {
				t.Fatal(err)
			}
			for _, v := range im.Variants {
				b := readFile(t, filepath.Join(dir, v.File))
				for _, s := range []string{"script", "SECRET", "Exif", "html"} {
					if bytes.Contains(b, []byte(s)) {
						t.Errorf("%s contains %q", v.File, s)
					}
				}
				if !bytes.HasSuffix(b, tt.end) {
					t.Errorf("%s ends with % x", v.File, b[len(b)-8:])
				}
				if bytes.Equal(b, tt.data[:min(len(b), len(tt.data))]) {
					t.Errorf("%s is the upload itself", v.File)
				}
			}
		})
	}
}

// TestOrientation: a portrait stored on its side, as phones do, is stored
// upright, since the EXIF that said how to turn it is not kept.
func TestOrientation(t *testing.T) {
	m := image.NewRGBA(image.Rect(0, 0, 40, 20))
	for y := range 20 {
		for x := range 40 {
			c := color.RGBA{0xE0, 0x10, 0x10, 0xFF} // red left
			if x >= 20 {
				c = color.RGBA{0x10, 0x10, 0xE0, 0xFF} // blue right
			}
			m.SetRGBA(x, y, c)
		}
	}
	plain := encodeJPEG(t, m)
	exif := []byte("Exif\x00\x00MM\x00\x2a\x00\x00\x00\x08" +
		"\x00\x01" + // one entry
		"\x01\x12\x00\x03\x00\x00\x00\x01\x00\x06\x00\x00" + // orientation 6: turn clockwise
		"\x00\x00\x00\x00")
	app1 := []byte{0xFF, 0xE1, 0, byte(len(exif) + 2)}
	data := append(append(append([]byte{}, plain[:2]...), append(app1, exif...)...), plain[2:]...)

	svc, _, dir := newService(t, media.Options{})
	im, err := svc.Upload(context.Background(), bytes.NewReader(data), media.Meta{})
	if err != nil {
		t.Fatal(err)
	}
	if im.Width != 20 || im.Height != 40 {
		t.Fatalf("size %d×%d, want 20×40", im.Width, im.Height)
	}
	got, err := jpeg.Decode(bytes.NewReader(readFile(t, filepath.Join(dir, im.Variants[0].File))))
	if err != nil {
		t.Fatal(err)
	}
	top, bottom := got.At(10, 5), got.At(10, 35)
	if r, _, b, _ := top.RGBA(); r < b {
		t.Errorf("top is %v, want red", top)
	}
	if r, _, b, _ := bottom.RGBA(); r > b {
		t.Errorf("bottom is %v, want blue", bottom)
	}
}

// pngHeader is a PNG signature and an IHDR chunk declaring w×h, with a
// correct CRC, and the end chunk: enough for a decoder to believe it.
func pngHeader(w, h uint32) []byte { return pngHeaderDepth(w, h, 8) }

func pngHeaderDepth(w, h uint32, depth byte) []byte {
	chunk := func(typ string, data []byte) []byte {
		b := binary.BigEndian.AppendUint32(nil, uint32(len(data)))
		b = append(b, typ...)
		b = append(b, data...)
		return binary.BigEndian.AppendUint32(b, crc32.ChecksumIEEE(b[4:]))
	}
	ihdr := binary.BigEndian.AppendUint32(nil, w)
	ihdr = binary.BigEndian.AppendUint32(ihdr, h)
	ihdr = append(ihdr, depth, 6, 0, 0, 0) // RGBA
	b := []byte("\x89PNG\r\n\x1a\n")
	b = append(b, chunk("IHDR", ihdr)...)
	b = append(b, chunk("IDAT", []byte{0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01})...)
	return append(b, chunk("IEND", nil)...)
}

func TestRefused(t *testing.T) {
	valid := encodeJPEG(t, photo(300, 200))
	tests := []struct {
		name  string
		opts  media.Options
		data  []byte
		meta  media.Meta
		field string
		key   string
	}{
		{"too big", media.Options{MaxBytes: 1000}, valid, media.Meta{}, "file", "media.error.too_big"},
		{"empty", media.Options{}, nil, media.Meta{}, "file", "media.error.empty"},
		{"png declaring 100000×100000", media.Options{}, pngHeader(100000, 100000), media.Meta{}, "file", "media.error.pixels"},
		{"16-bit png over half the pixel limit", media.Options{}, pngHeaderDepth(6000, 4000, 16), media.Meta{}, "file", "media.error.pixels"},
		{"8-bit png of the same size, without pixels", media.Options{}, pngHeaderDepth(6000, 4000, 8), media.Meta{}, "file", "media.error.density"}, // refused before decoding
		{"png too wide", media.Options{}, pngHeader(12001, 10), media.Meta{}, "file", "media.error.pixels"},
		{"over the pixel limit", media.Options{MaxPixels: 300*200 - 1}, valid, media.Meta{}, "file", "media.error.pixels"},
		{"html named .jpg", media.Options{}, []byte("<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"), media.Meta{}, "file", "media.error.type"},
		{"svg with a script", media.Options{}, []byte(`<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script><rect width="10" height="10"/></svg>`), media.Meta{}, "file", "media.error.type"},
		{"bmp", media.Options{}, append([]byte("BM"), make([]byte, 60)...), media.Meta{}, "file", "media.error.type"},
		{"riff but not webp", media.Options{}, []byte("RIFF\x10\x00\x00\x00WAVEfmt \x00\x00\x00\x00"), media.Meta{}, "file", "media.error.type"},
		{"truncated jpeg", media.Options{}, valid[:len(valid)/2], media.Meta{}, "file", "media.error.corrupt"},
		{"jpeg magic, then garbage", media.Options{}, append([]byte{0xFF, 0xD8, 0xFF, 0xE0}, bytes.Repeat([]byte("x"), 200)...), media.Meta{}, "file", "media.error.corrupt"},
		{"png without pixels", media.Options{}, pngHeader(10, 10), media.Meta{}, "file", "media.error.corrupt"},
		{"png declaring 0×0", media.Options{}, pngHeader(0, 0), media.Meta{}, "file", "media.error.corrupt"},
		{"alt too long", media.Options{}, valid, media.Meta{Alt: strings.Repeat("ب", 301)}, "alt", "media.error.field_too_long"},
		{"caption too long", media.Options{}, valid, media.Meta{Caption: strings.Repeat("ت", 1001)}, "caption", "media.error.field_too_long"},
		{"credit too long", media.Options{}, valid, media.Meta{Credit: strings.Repeat("ث", 201)}, "credit", "media.error.field_too_long"},
		{"control character", media.Options{}, valid, media.Meta{Credit: "مداد\x07"}, "credit", "media.error.invalid_text"},
		{"invalid utf-8", media.Options{}, valid, media.Meta{Caption: "\xff\xfe"}, "caption", "media.error.invalid_text"},
	}
	st := newStore(t) // nothing refused may leave a record, so one store serves all
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			svc, dir := serviceOn(t, st, tt.opts)
			_, err := svc.Upload(ctx, bytes.NewReader(tt.data), tt.meta)
			var me *media.Error
			if !errors.As(err, &me) {
				t.Fatalf("error = %v, want a *media.Error", err)
			}
			if me.Field != tt.field || me.Key != tt.key {
				t.Errorf("error = %s/%s, want %s/%s", me.Field, me.Key, tt.field, tt.key)
			}
			if list, err := st.Images(ctx, 10); err != nil || len(list) != 0 {
				t.Errorf("images stored: %d (%v)", len(list), err)
			}
			if got := files(t, dir); len(got) != 0 {
				t.Errorf("files left: %v", got)
			}
		})
	}
}

// endless is an upload that never ends; it counts what was read of it.
type endless struct{ n int64 }

func (e *endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 0xFF
	}
	e.n += int64(len(p))
	return len(p), nil
}

func TestTooBigNotReadToTheEnd(t *testing.T) {
	svc, _, _ := newService(t, media.Options{MaxBytes: 1 << 20})
	src := &endless{}
	_, err := svc.Upload(context.Background(), src, media.Meta{})
	if me, ok := errors.AsType[*media.Error](err); !ok || me.Key != "media.error.too_big" {
		t.Fatalf("error = %v, want too_big", err)
	}
	if src.n > 1<<20+64<<10 {
		t.Errorf("read %d bytes of an endless upload with a 1 MiB limit", src.n)
	}
}

func TestMetaCleaned(t *testing.T) {
	svc, _, _ := newService(t, media.Options{})
	im, err := svc.Upload(context.Background(), bytes.NewReader(encodeJPEG(t, photo(50, 50))), media.Meta{
		Alt: "\t صورة  ", Caption: "سطر أول\r\nسطر ثانٍ\n", Credit: strings.Repeat("ح", 200), UploadedBy: 0})
	if err != nil {
		t.Fatal(err)
	}
	if im.Alt != "صورة" || im.Caption != "سطر أول سطر ثانٍ" || im.UploadedBy != 0 {
		t.Errorf("alt %q, caption %q", im.Alt, im.Caption)
	}
}

func TestDescribe(t *testing.T) {
	ctx := context.Background()
	svc, st, _ := newService(t, media.Options{})
	im, err := svc.Upload(ctx, bytes.NewReader(encodeJPEG(t, photo(50, 50))), media.Meta{Alt: "قديم"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Describe(ctx, im.ID, media.Meta{Alt: strings.Repeat("x", 301)}); err == nil {
		t.Error("a long alt text was accepted")
	}
	if _, err := svc.Describe(ctx, im.ID+1, media.Meta{}); !errors.Is(err, news.ErrNotFound) {
		t.Errorf("describing a missing image: %v", err)
	}
	if _, err := svc.Describe(ctx, im.ID, media.Meta{Alt: " جديد ", Credit: "مداد"}); err != nil {
		t.Fatal(err)
	}
	got, err := st.Image(ctx, im.ID)
	if err != nil || got.Alt != "جديد" || got.Credit != "مداد" || got.Name != im.Name {
		t.Errorf("after describe: %+v, %v", got, err)
	}
}

// failingStore refuses every record.
type failingStore struct{ media.Store }

func (failingStore) CreateImage(context.Context, *news.Image) error { return errors.New("disk full") }

func TestRecordFailureRemovesFiles(t *testing.T) {
	_, st, _ := newService(t, media.Options{})
	dir := t.TempDir()
	svc := media.New(failingStore{st}, dir, media.Options{})
	if _, err := svc.Upload(context.Background(), bytes.NewReader(encodeJPEG(t, photo(1000, 500))), media.Meta{}); err == nil {
		t.Fatal("upload succeeded without its record")
	}
	if got := files(t, dir); len(got) != 0 {
		t.Errorf("files left: %v", got)
	}
}

func TestConcurrentUploads(t *testing.T) {
	svc, st, dir := newService(t, media.Options{Concurrent: 2, Widths: []int{100, 200}})
	data := encodeJPEG(t, photo(300, 200))
	var wg sync.WaitGroup
	errs := make(chan error, 6)
	for range 6 {
		wg.Go(func() {
			_, err := svc.Upload(context.Background(), bytes.NewReader(data), media.Meta{})
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
	list, err := st.Images(context.Background(), 10)
	if err != nil || len(list) != 6 {
		t.Fatalf("images: %d, %v", len(list), err)
	}
	if got := files(t, dir); len(got) != 6*(2+3) {
		t.Errorf("%d files, want 30 (2 variants and 3 crops each)", len(got))
	}
}

func TestUploadCancelled(t *testing.T) {
	svc, _, dir := newService(t, media.Options{Concurrent: 1})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	// With a free slot the upload may go ahead or stop; it must not leave
	// files without a record either way.
	_, err := svc.Upload(ctx, bytes.NewReader(encodeJPEG(t, photo(100, 100))), media.Meta{})
	if err == nil {
		t.Fatal("upload with a cancelled context succeeded")
	}
	if got := files(t, dir); len(got) != 0 {
		t.Errorf("files left: %v", got)
	}
}
