package site

import (
	"bytes"
	"net/http"
	"time"

	"github.com/midad/midad/internal/news"
	"github.com/midad/midad/internal/web/view"
)

// static serves a fingerprinted asset; its name changes with its content,
// so browsers may keep it for a year.
func (s *Site) static(w http.ResponseWriter, r *http.Request) {
	f, ok := s.view.Assets().Static(r.PathValue("name"))
	if !ok {
		s.Fail(w, r, news.ErrNotFound)
		return
	}
	w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	serveAsset(w, r, f)
}

// ad serves the site's ad files under /ads/, the path blockers look for.
func (s *Site) ad(w http.ResponseWriter, r *http.Request) {
	f, ok := s.view.Assets().Ad(r.PathValue("name"))
	if !ok {
		s.Fail(w, r, news.ErrNotFound)
		return
	}
	w.Header().Set("Cache-Control", "public, max-age=3600")
	serveAsset(w, r, f)
}

func serveAsset(w http.ResponseWriter, r *http.Request, f *view.Asset) {
	h := w.Header()
	h.Set("Content-Type", f.ContentType)
	h.Set("ETag", f.ETag)
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(f.Body))
}
