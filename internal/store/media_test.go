package store_test

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"testing"

	"github.com/midad/midad/internal/news"
)

func testImage(name string) news.Image {
	return news.Image{
		Name: name, Type: "image/jpeg", Width: 960, Height: 540, Bytes: 12345,
		Variants: []news.ImageVariant{
			{Width: 480, Height: 270, File: name + "-480.jpg"},
			{Width: 960, Height: 540, File: name + "-960.jpg"},
		},
		Alt: "متظاهرون في ساحة المدينة", Caption: "الرباط، 3 نوفمبر", Credit: "وكالة مداد",
	}
}

func TestImages(t *testing.T) {
	ctx := context.Background()
	s := openSQLite(t)
	u := news.User{Email: "photo@example.ma", Name: "مصوّر", Role: news.Contributor, PasswordHash: "x"}
	if err := s.CreateUser(ctx, &u); err != nil {
		t.Fatal(err)
	}

	first := testImage("2026/11/aaaa")
	first.UploadedBy = u.ID
	if err := s.CreateImage(ctx, &first); err != nil {
		t.Fatal(err)
	}
	if first.ID == 0 || first.Created.IsZero() {
		t.Fatalf("CreateImage did not set ID and Created: %+v", first)
	}
	second := testImage("2026/11/bbbb") // nobody: stored as NULL
	if err := s.CreateImage(ctx, &second); err != nil {
		t.Fatal(err)
	}

	got, err := s.Image(ctx, first.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, first) {
		t.Errorf("Image = %+v\nwant %+v", got, first)
	}
	if got, err := s.Image(ctx, second.ID); err != nil || got.UploadedBy != 0 {
		t.Errorf("Image(second) = %+v, %v; want uploaded by 0", got, err)
	}

	list, err := s.Images(ctx, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 2 || list[0].ID != second.ID || list[1].ID != first.ID {
		t.Errorf("Images = %v, want newest first", ids(list))
	}
	if list, err := s.Images(ctx, 1); err != nil || len(list) != 1 {
		t.Errorf("Images(1) = %d images, %v", len(list), err)
	}

	// Only what is said about the image changes.
	edit := first
	edit.Alt, edit.Caption, edit.Credit = "نص بديل جديد", "", "مداد"
	edit.Name, edit.Width, edit.Variants = "other", 1, nil
	if err := s.UpdateImage(ctx, edit); err != nil {
		t.Fatal(err)
	}
	got, err = s.Image(ctx, first.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := first
	want.Alt, want.Caption, want.Credit = edit.Alt, edit.Caption, edit.Credit
	if !reflect.DeepEqual(got, want) {
		t.Errorf("after update = %+v\nwant %+v", got, want)
	}
}

func TestImageErrors(t *testing.T) {
	ctx := context.Background()
	s := openSQLite(t)
	if _, err := s.Image(ctx, 42); !errors.Is(err, news.ErrNotFound) {
		t.Errorf("Image(missing) error = %v, want ErrNotFound", err)
	}
	if err := s.UpdateImage(ctx, news.Image{ID: 42}); !errors.Is(err, news.ErrNotFound) {
		t.Errorf("UpdateImage(missing) error = %v, want ErrNotFound", err)
	}
	im := testImage("2026/11/cccc")
	if err := s.CreateImage(ctx, &im); err != nil {
		t.Fatal(err)
	}
	again := testImage("2026/11/cccc")
	if err := s.CreateImage(ctx, &again); !errors.Is(err, news.ErrExists) {
		t.Errorf("same name twice: error = %v, want ErrExists", err)
	}
	if err := s.CreateImage(ctx, &news.Image{Name: "x", Type: "image/png"}); err == nil {
		t.Error("an image without variants was stored")
	}
	if list, err := s.Images(ctx, 10); err != nil || len(list) != 1 {
		t.Errorf("Images = %v, %v; want the one image", ids(list), err)
	}
}

func ids(list []news.Image) []string {
	out := make([]string, len(list))
	for i, im := range list {
		out[i] = fmt.Sprint(im.ID)
	}
	return out
}
