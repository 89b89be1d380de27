package media_test

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/color"
	"image/draw"
	"image/jpeg"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/midad/midad/internal/media"
	"github.com/midad/midad/internal/news"
)

// marked is a grey picture with a red disc of radius 40 centred at (mx, my).
func marked(w, h, mx, my int) *image.RGBA {
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	for i := 0; i < len(m.Pix); i += 4 {
		copy(m.Pix[i:], []uint8{0x70, 0x80, 0x90, 0xFF})
	}
	for y := my - 40; y <= my+40; y++ {
		for x := mx - 40; x <= mx+40; x++ {
			if (x-mx)*(x-mx)+(y-my)*(y-my) <= 40*40 {
				m.SetRGBA(x, y, color.RGBA{0xFF, 0, 0, 0xFF})
			}
		}
	}
	return m
}

// redIn decodes a crop and reports whether the red mark shows in it, and
// where (the centre of its red pixels, as fractions of the crop's size).
func redIn(t *testing.T, dir string, v news.ImageVariant) (bool, float64, float64) {
	t.Helper()
	m, err := jpeg.Decode(bytes.NewReader(readFile(t, filepath.Join(dir, v.File))))
	if err != nil {
		t.Fatalf("crop %s: %v", v.File, err)
	}
	b := m.Bounds()
	if b.Dx() != v.Width || b.Dy() != v.Height {
		t.Errorf("crop %s is %v, recorded %d×%d", v.File, b, v.Width, v.Height)
	}
	rgba := image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	draw.Draw(rgba, rgba.Bounds(), m, b.Min, draw.Src)
	var n, sx, sy int
	for y := range b.Dy() {
		row := rgba.Pix[y*rgba.Stride:]
		for x := range b.Dx() {
			if r, g, bl := row[4*x], row[4*x+1], row[4*x+2]; r > 0xD0 && g < 0x40 && bl < 0x40 {
				n, sx, sy = n+1, sx+x, sy+y
			}
		}
	}
	if n < 20 {
		return false, 0, 0
	}
	return true, float64(sx) / float64(n) / float64(b.Dx()), float64(sy) / float64(n) / float64(b.Dy())
}

func cropFiles(im news.Image) []string {
	var out []string
	for _, c := range im.Crops {
		out = append(out, c.File)
	}
	return out
}

// TestCropsAroundFocus: an upload gets its three crops at their exact
// ratios, 1,600 pixels wide when the picture allows; moving the focal
// point onto a mark cuts new crops that all show it, under new names, and
// the old files go.
func TestCropsAroundFocus(t *testing.T) {
	ctx := context.Background()
	svc, st, dir := newService(t, media.Options{})
	// The mark is near the top-right corner: a centred square misses it.
	im, err := svc.Upload(ctx, bytes.NewReader(encodeJPEG(t, marked(3000, 2000, 2700, 250))), media.Meta{})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][2]int{"16:9": {1600, 900}, "4:3": {1600, 1200}, "1:1": {1600, 1600}}
	if len(im.Crops) != 3 {
		t.Fatalf("crops = %+v", im.Crops)
	}
	for _, c := range im.Crops {
		if size := want[c.Ratio]; c.Width != size[0] || c.Height != size[1] {
			t.Errorf("crop %s is %d×%d, want %v", c.Ratio, c.Width, c.Height, size)
		}
		if c.Ratio == "1:1" {
			if in, _, _ := redIn(t, dir, c); in {
				t.Error("the centred square shows the mark at the corner: the test proves nothing")
			}
		}
	}
	stored, err := st.Image(ctx, im.ID)
	if err != nil || !slices.Equal(cropFiles(stored), cropFiles(im)) || stored.FocusX != 0.5 || stored.FocusY != 0.5 {
		t.Fatalf("stored %+v, %v", stored, err)
	}

	moved, err := svc.SetFocus(ctx, im.ID, 0.9, 0.125)
	if err != nil {
		t.Fatal(err)
	}
	if len(moved.Crops) != 3 {
		t.Fatalf("crops after the move: %+v", moved.Crops)
	}
	for _, c := range moved.Crops {
		r := map[string][2]int{"16:9": {16, 9}, "4:3": {4, 3}, "1:1": {1, 1}}[c.Ratio]
		if r[0] == 0 || c.Width*r[1] != c.Height*r[0] {
			t.Errorf("crop %s is %d×%d", c.Ratio, c.Width, c.Height)
		}
		in, x, y := redIn(t, dir, c)
		if !in {
			t.Errorf("crop %s around the mark does not show it", c.Ratio)
		} else if x < 0.05 || x > 0.95 || y < 0.05 || y > 0.95 {
			t.Errorf("crop %s shows the mark at (%.2f, %.2f), at its very edge", c.Ratio, x, y)
		}
		if slices.Contains(cropFiles(im), c.File) {
			t.Errorf("crop %s kept its old name %s", c.Ratio, c.File)
		}
	}
	for _, f := range cropFiles(im) {
		if _, err := os.Stat(filepath.Join(dir, f)); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("old crop %s is still there (%v)", f, err)
		}
	}
	stored, _ = st.Image(ctx, im.ID)
	if !slices.Equal(cropFiles(stored), cropFiles(moved)) || stored.FocusX != 0.9 || stored.FocusY != 0.125 {
		t.Errorf("stored after the move: %+v", stored)
	}
	if got := files(t, dir); len(got) != len(im.Variants)+3 {
		t.Errorf("files: %v", got)
	}

	for _, bad := range [][2]float64{{-0.1, 0.5}, {0.5, 1.01}} {
		if _, err := svc.SetFocus(ctx, im.ID, bad[0], bad[1]); err == nil {
			t.Errorf("focus %v accepted", bad)
		} else if me, ok := errors.AsType[*media.Error](err); !ok || me.Key != media.KeyFocus {
			t.Errorf("focus %v: %v", bad, err)
		}
	}
	if _, err := svc.SetFocus(ctx, im.ID+100, 0.5, 0.5); !errors.Is(err, news.ErrNotFound) {
		t.Errorf("unknown image: %v", err)
	}
	after, _ := st.Image(ctx, im.ID)
	if !slices.Equal(cropFiles(after), cropFiles(moved)) {
		t.Error("a refused focus changed the crops")
	}
}

// TestSmallPictureCrops: a picture narrower than 1,200 pixels gives the
// largest crops it holds, never enlarged.
func TestSmallPictureCrops(t *testing.T) {
	svc, _, _ := newService(t, media.Options{})
	im, err := svc.Upload(context.Background(), bytes.NewReader(encodeJPEG(t, photo(1000, 800))), media.Meta{})
	if err != nil {
		t.Fatal(err)
	}
	want := []news.ImageVariant{{Ratio: "16:9", Width: 992, Height: 558}, {Ratio: "4:3", Width: 1000, Height: 750}, {Ratio: "1:1", Width: 800, Height: 800}}
	for i, c := range im.Crops {
		if c.Ratio != want[i].Ratio || c.Width != want[i].Width || c.Height != want[i].Height {
			t.Errorf("crop %d = %+v, want %+v", i, c, want[i])
		}
	}
}

// failingFocus refuses every change of focus.
type failingFocus struct{ media.Store }

func (failingFocus) SetImageFocus(context.Context, int64, float64, float64, []news.ImageVariant) error {
	return errors.New("disk full")
}

// TestFocusFailureKeepsOldCrops: when the record cannot be changed, the
// old crops stay, and the new files are gone.
func TestFocusFailureKeepsOldCrops(t *testing.T) {
	ctx := context.Background()
	_, st, _ := newService(t, media.Options{})
	dir := t.TempDir()
	svc := media.New(st, dir, media.Options{})
	im, err := svc.Upload(ctx, bytes.NewReader(encodeJPEG(t, photo(1300, 900))), media.Meta{})
	if err != nil {
		t.Fatal(err)
	}
	before := files(t, dir)
	broken := media.New(failingFocus{st}, dir, media.Options{})
	if _, err := broken.SetFocus(ctx, im.ID, 0.1, 0.1); err == nil {
		t.Fatal("focus changed without its record")
	}
	if got := files(t, dir); !slices.Equal(got, before) {
		t.Errorf("files after a failed change: %v\nbefore: %v", got, before)
	}
	stored, _ := st.Image(ctx, im.ID)
	if !slices.Equal(cropFiles(stored), cropFiles(im)) || stored.FocusX != 0.5 {
		t.Errorf("record after a failed change: %+v", stored)
	}
}

// TestMakeMissingCrops: images without crops get them, once; a second run
// changes nothing.
func TestMakeMissingCrops(t *testing.T) {
	ctx := context.Background()
	svc, st, dir := newService(t, media.Options{})
	var ids []int64
	for _, size := range [][2]int{{1700, 1000}, {900, 900}, {8, 4}} {
		im, err := svc.Upload(ctx, bytes.NewReader(encodeJPEG(t, photo(size[0], size[1]))), media.Meta{})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, im.ID)
	}
	// The first two as if uploaded before crops existed.
	for _, id := range ids[:2] {
		im, _ := st.Image(ctx, id)
		for _, c := range im.Crops {
			os.Remove(filepath.Join(dir, c.File))
		}
		if err := st.SetImageFocus(ctx, id, 0.5, 0.5, nil); err != nil {
			t.Fatal(err)
		}
	}
	got, err := svc.MakeMissingCrops(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	// 8×4 holds a 1:1 and a 4:3 crop, but not 16:9: it was uploaded with them.
	if got != (media.CropsMade{Images: 2, Skipped: 1}) {
		t.Errorf("first run: %+v", got)
	}
	for _, id := range ids[:2] {
		im, _ := st.Image(ctx, id)
		if len(im.Crops) != 3 {
			t.Errorf("image %d crops: %+v", id, im.Crops)
		}
	}
	list := files(t, dir)
	got, err = svc.MakeMissingCrops(ctx, nil)
	if err != nil || got != (media.CropsMade{Skipped: 3}) {
		t.Errorf("second run: %+v, %v", got, err)
	}
	if again := files(t, dir); !slices.Equal(again, list) {
		t.Errorf("the second run changed the files: %v\nwas %v", again, list)
	}
}
