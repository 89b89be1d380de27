package media_test

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/midad/midad/internal/media"
)

func TestXTiming(t *testing.T) {
	start := time.Now()
	data := encodeJPEG(t, photo(2000, 1000))
	t.Log("make", time.Since(start))
	svc, _, _ := newService(t, media.Options{})
	start = time.Now()
	if _, err := svc.Upload(context.Background(), bytes.NewReader(data), media.Meta{}); err != nil {
		t.Fatal(err)
	}
	t.Log("upload", time.Since(start))
}
