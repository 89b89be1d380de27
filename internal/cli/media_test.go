package cli

import (
	"bytes"
	"context"
	"image"
	"image/jpeg"
	"path/filepath"
	"strings"
	"testing"

	"github.com/midad/midad/internal/media"
	"github.com/midad/midad/internal/store"
)

// TestMediaCrops: `midad media crops` gives an image uploaded before crops
// existed its crops, and a second run changes nothing.
func TestMediaCrops(t *testing.T) {
	ctx := context.Background()
	data := t.TempDir()
	st, err := store.Open(ctx, "sqlite:"+filepath.Join(data, "midad.db"))
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	jpeg.Encode(&b, image.NewGray(image.Rect(0, 0, 1300, 800)), nil)
	im, err := media.New(st, filepath.Join(data, "media"), media.Options{}).Upload(ctx, &b, media.Meta{})
	if err == nil {
		err = st.SetImageFocus(ctx, im.ID, 0.3, 0.5, nil) // as before crops existed
	}
	st.Close()
	if err != nil {
		t.Fatal(err)
	}

	code, out, errOut := run(t, nil, "media", "crops", "--data", data)
	if code != 0 || !strings.Contains(out, "crops made for 1 images") {
		t.Fatalf("first run: exit %d, %q, %q", code, out, errOut)
	}
	code, out, errOut = run(t, nil, "media", "crops", "--data", data)
	if code != 0 || !strings.Contains(out, "crops made for 0 images; 1 had them") {
		t.Fatalf("second run: exit %d, %q, %q", code, out, errOut)
	}
	if code, _, errOut := run(t, nil, "media"); code != 2 || !strings.Contains(errOut, "Usage: midad media <action>") || !strings.Contains(errOut, "\n  crops ") {
		t.Errorf("no action: exit %d, %q", code, errOut)
	}

	st, err = store.Open(ctx, "sqlite:"+filepath.Join(data, "midad.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	got, err := st.Image(ctx, im.ID)
	if err != nil || len(got.Crops) != 3 || got.FocusX != 0.3 {
		t.Errorf("after: %+v, %v", got, err)
	}
}
