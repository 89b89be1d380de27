package storetest

import (
	"context"
	"errors"
	"testing"

	"github.com/midad/midad/internal/news"
	"github.com/midad/midad/internal/store"
)

// testImageFocus: the focal point and crops change together, are read
// back as written, and an unknown image or a point outside the picture
// changes nothing.
func testImageFocus(t *testing.T, s *store.Store) {
	ctx := context.Background()
	im := news.Image{Name: "2026/11/aaaa", Type: "image/jpeg", Width: 1600, Height: 900,
		Variants: []news.ImageVariant{{Width: 1600, Height: 900, File: "2026/11/aaaa-1600.jpg"}},
		Crops:    []news.ImageVariant{{Width: 1600, Height: 900, File: "2026/11/aaaa-16x9-00000000-1600.jpg", Ratio: "16:9"}}}
	must(t, s.CreateImage(ctx, &im))
	got, err := s.Image(ctx, im.ID)
	must(t, err)
	if got.FocusX != 0.5 || got.FocusY != 0.5 || len(got.Crops) != 1 || got.Crops[0].Ratio != "16:9" {
		t.Fatalf("created: focus (%v, %v), crops %+v", got.FocusX, got.FocusY, got.Crops)
	}
	crops := []news.ImageVariant{
		{Width: 1600, Height: 900, File: "2026/11/aaaa-16x9-11111111-1600.jpg", Ratio: "16:9"},
		{Width: 900, Height: 900, File: "2026/11/aaaa-1x1-11111111-900.jpg", Ratio: "1:1"},
	}
	must(t, s.SetImageFocus(ctx, im.ID, 0, 1, crops))
	got, err = s.Image(ctx, im.ID)
	must(t, err)
	if got.FocusX != 0 || got.FocusY != 1 || len(got.Crops) != 2 || got.Crops[1] != crops[1] {
		t.Fatalf("after SetImageFocus: focus (%v, %v), crops %+v", got.FocusX, got.FocusY, got.Crops)
	}
	if err := s.SetImageFocus(ctx, im.ID+1, 0.2, 0.2, nil); !errors.Is(err, news.ErrNotFound) {
		t.Errorf("unknown image: %v, want ErrNotFound", err)
	}
	if err := s.SetImageFocus(ctx, im.ID, 1.5, 0.2, nil); err == nil {
		t.Error("a focus outside the image was accepted")
	}
	got, _ = s.Image(ctx, im.ID)
	if got.FocusX != 0 || len(got.Crops) != 2 {
		t.Errorf("a refused change changed the image: %+v", got)
	}

	second := news.Image{Name: "2026/11/bbbb", Type: "image/png", Width: 10, Height: 10,
		Variants: []news.ImageVariant{{Width: 10, Height: 10, File: "2026/11/bbbb-10.png"}}}
	must(t, s.CreateImage(ctx, &second))
	list, err := s.ImagesAfter(ctx, 0, 1)
	must(t, err)
	if len(list) != 1 || list[0].ID != im.ID {
		t.Fatalf("ImagesAfter(0, 1) = %+v", list)
	}
	list, err = s.ImagesAfter(ctx, im.ID, 10)
	must(t, err)
	if len(list) != 1 || list[0].ID != second.ID || len(list[0].Crops) != 0 {
		t.Fatalf("ImagesAfter(first, 10) = %+v", list)
	}
}
