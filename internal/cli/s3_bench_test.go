package cli

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"

	"github.com/midad/midad/internal/media"
	"github.com/midad/midad/internal/store"
)

// BenchmarkMediaServe: one 960-pixel JPEG served at /media/ from the local
// directory and from versitygw on loopback, without the page cache.
//
//	go test -run '^$' -bench MediaServe ./internal/cli/
func BenchmarkMediaServe(b *testing.B) {
	s3 := startS3(b, "midad")
	ctx := context.Background()
	st, err := store.Open(ctx, "sqlite:"+filepath.Join(b.TempDir(), "midad.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	remote, err := media.OpenS3(ctx, media.S3Config{Endpoint: s3.endpoint, Bucket: "midad", AccessKey: s3Key, SecretKey: s3Secret, PathStyle: true})
	if err != nil {
		b.Fatal(err)
	}
	for _, store := range []struct {
		name string
		objs media.Objects
	}{{"local", media.Dir(b.TempDir())}, {"s3", remote}} {
		b.Run(store.name, func(b *testing.B) {
			im, err := media.New(st, "", media.Options{Objects: store.objs}).Upload(ctx, bytes.NewReader(jpegOf(b, 1300, 800)), media.Meta{})
			if err != nil {
				b.Fatal(err)
			}
			srv := httptest.NewServer(media.Serve(store.objs, "", nil))
			defer srv.Close()
			u := srv.URL + "/media/" + im.Variants[1].File
			b.SetBytes(im.Variants[1].Bytes)
			for b.Loop() {
				res, err := http.Get(u)
				if err != nil || res.StatusCode != 200 {
					b.Fatal(res, err)
				}
				io.Copy(io.Discard, res.Body)
				res.Body.Close()
			}
		})
	}
}
