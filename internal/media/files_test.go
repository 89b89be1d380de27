package media_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/midad/midad/internal/media"
)

func TestFiles(t *testing.T) {
	svc, _, dir := newService(t, media.Options{})
	jpg, err := svc.Upload(context.Background(), bytes.NewReader(encodeJPEG(t, photo(600, 300))), media.Meta{})
	if err != nil {
		t.Fatal(err)
	}
	pngImage, err := svc.Upload(context.Background(), bytes.NewReader(encodePNG(t, translucent(100, 50))), media.Meta{})
	if err != nil {
		t.Fatal(err)
	}
	small := jpg.Variants[0].File
	body := readFile(t, filepath.Join(dir, small))

	// Files that are there but not Upload's, and a link out of dir with an
	// upload's name.
	outside := filepath.Join(t.TempDir(), "secret.jpg")
	os.WriteFile(outside, []byte("secret"), 0o600)
	os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("x"), 0o600)
	os.WriteFile(filepath.Join(dir, "2026", "11", ".upload-123"), []byte("x"), 0o600)
	linked := "2026/11/" + strings.Repeat("ab", 16) + "-480.jpg"
	if err := os.Symlink(outside, filepath.Join(dir, filepath.FromSlash(linked))); err != nil {
		t.Fatal(err)
	}
	os.Mkdir(filepath.Join(dir, "2026", "11", strings.Repeat("cd", 16)+"-480.jpg"), 0o750)

	srv := httptest.NewServer(media.Files(dir, nil))
	defer srv.Close()

	tests := []struct {
		name    string
		method  string
		path    string
		header  map[string]string
		status  int
		ctype   string
		body    []byte
		noCheck bool
	}{
		{name: "jpeg", path: "/media/" + small, status: 200, ctype: "image/jpeg", body: body},
		{name: "png", path: "/media/" + pngImage.Variants[0].File, status: 200, ctype: "image/png"},
		{name: "crop", path: "/media/" + jpg.Crops[2].File, status: 200, ctype: "image/jpeg"},
		{name: "crop of an unknown ratio", path: "/media/" + strings.Replace(jpg.Crops[2].File, "-1x1-", "-2x1-", 1), status: 404},
		{name: "head", method: "HEAD", path: "/media/" + small, status: 200, ctype: "image/jpeg"},
		{name: "range", path: "/media/" + small, header: map[string]string{"Range": "bytes=0-9"}, status: 206, ctype: "image/jpeg", body: body[:10]},
		{name: "not modified", path: "/media/" + small, header: map[string]string{"If-Modified-Since": time.Now().Add(time.Hour).UTC().Format(http.TimeFormat)}, status: 304, noCheck: true},
		{name: "etag", path: "/media/" + small, header: map[string]string{"If-None-Match": `"` + strings.TrimSuffix(filepath.Base(small), ".jpg") + `"`}, status: 304, noCheck: true},
		{name: "post", method: "POST", path: "/media/" + small, status: 404},
		{name: "unknown name", path: "/media/2026/11/" + strings.Repeat("0", 32) + "-480.jpg", status: 404},
		{name: "other extension", path: "/media/" + strings.TrimSuffix(small, ".jpg") + ".png", status: 404},
		{name: "svg", path: "/media/" + strings.TrimSuffix(small, ".jpg") + ".svg", status: 404},
		{name: "name without width", path: "/media/" + jpg.Name + ".jpg", status: 404},
		{name: "temporary file", path: "/media/2026/11/.upload-123", status: 404},
		{name: "other file", path: "/media/notes.txt", status: 404},
		{name: "dot dot", path: "/media/../media/" + small, status: 404},
		{name: "escaped dot dot", path: "/media/2026/11/..%2f..%2fnotes.txt", status: 404},
		{name: "directory", path: "/media/2026/11/", status: 404},
		{name: "directory with an upload's name", path: "/media/2026/11/" + strings.Repeat("cd", 16) + "-480.jpg", status: 404},
		{name: "link out of the directory", path: "/media/" + linked, status: 404},
		{name: "outside /media/", path: "/" + small, status: 404},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			method := tt.method
			if method == "" {
				method = "GET"
			}
			req, err := http.NewRequest(method, srv.URL+tt.path, nil)
			if err != nil {
				t.Fatal(err)
			}
			req.URL.RawPath = "" // send the path as written
			req.URL.Opaque = "//" + strings.TrimPrefix(srv.URL, "http://") + tt.path
			for k, v := range tt.header {
				req.Header.Set(k, v)
			}
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer res.Body.Close()
			got, _ := io.ReadAll(res.Body)
			if res.StatusCode != tt.status {
				t.Fatalf("status %d, want %d", res.StatusCode, tt.status)
			}
			if tt.status >= 300 || tt.noCheck {
				return
			}
			h := res.Header
			if h.Get("Content-Type") != tt.ctype || h.Get("X-Content-Type-Options") != "nosniff" ||
				h.Get("Cache-Control") != "public, max-age=31536000, immutable" ||
				!strings.HasPrefix(h.Get("Content-Security-Policy"), "default-src 'none'") {
				t.Errorf("headers %v", h)
			}
			if tt.body != nil && !bytes.Equal(got, tt.body) {
				t.Errorf("body: %d bytes, want %d", len(got), len(tt.body))
			}
		})
	}
}
