package site

import (
	"net/http"

	"github.com/midad/midad/internal/discussion"
	"github.com/midad/midad/internal/news"
)

// commentToken issues a fresh token for an article's comment form. The
// article page may be served from the page cache, its token as old as the
// render; the page's script asks here when it loads, so the form's least
// time is measured from when this reader got the form. Never cached.
func (s *Site) commentToken(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	a, err := s.visibleArticle(ctx, r.PathValue("slug"))
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	set, err := s.content.Settings(ctx)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	if discussion.Closed(a, set.Comments, s.now()) {
		s.Fail(w, r, news.ErrNotFound)
		return
	}
	token, err := s.comments.Token(ctx, a.ID)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/plain; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	w.Write([]byte(token))
}
