package site

import (
	"net/http"

	"github.com/midad/midad/internal/i18n"
	"github.com/midad/midad/internal/news"
	"github.com/midad/midad/internal/web/view"
)

type staticPage struct {
	view.Base
	Page    news.StaticPage
	PageDir string
}

// staticPage serves a static page (about, contact…) at its address. A
// draft does not exist for readers.
func (s *Site) staticPage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	p, err := s.content.PageBySlug(ctx, r.PathValue("slug"))
	if err == nil && !p.Visible() {
		err = news.ErrNotFound
	}
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	base, err := s.base(ctx, p.Title)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	base.Canonical = s.canonical(r, view.StaticPagePath(p))
	if d := view.Excerpt(p.Body, 30); d != "" {
		base.Description = d
	}
	s.Render(w, r, http.StatusOK, "static_page", staticPage{Base: base, Page: p, PageDir: i18n.Dir(p.Lang)})
}
