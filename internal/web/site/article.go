package site

import (
	"net/http"
	"strconv"

	"github.com/midad/midad/internal/i18n"
	"github.com/midad/midad/internal/news"
	"github.com/midad/midad/internal/web/view"
)

// relatedCount is how many other stories of the same section an article
// page suggests.
const relatedCount = 4

type articlePage struct {
	view.Base
	Article       news.Article
	ArticleDir    string
	ShowUpdated   bool
	Related       []news.Article
	CommentAction string
}

// article serves an article at its canonical URL. Drafts, scheduled and
// unpublished articles do not exist for readers.
func (s *Site) article(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	a, err := s.content.ArticleBySlug(ctx, r.PathValue("slug"))
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	base, err := s.base(ctx, a.Headline)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	if !a.Visible(base.Now) {
		s.Fail(w, r, news.ErrNotFound)
		return
	}
	path := view.ArticlePath(a)
	base.Canonical = s.canonical(r, path)
	if a.Summary != "" {
		base.Description = a.Summary
	} else {
		base.Description = view.Excerpt(a.Body, 30)
	}
	related, err := s.content.PublishedArticles(ctx,
		news.Filter{Now: base.Now, SectionID: a.Section.ID, ExcludeID: a.ID},
		news.Page{Number: 1, Size: relatedCount})
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	s.render(w, r, "article", articlePage{
		Base:          base,
		Article:       a,
		ArticleDir:    i18n.Dir(a.Lang),
		ShowUpdated:   a.Updated.Sub(a.Published) > 60e9,
		Related:       related.Articles,
		CommentAction: path + "/comments",
	})
}

// articleByID redirects the stable id URL to the article's canonical one.
func (s *Site) articleByID(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id < 1 {
		s.Fail(w, r, news.ErrNotFound)
		return
	}
	a, err := s.content.ArticleByID(r.Context(), id)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	if !a.Visible(s.now()) {
		s.Fail(w, r, news.ErrNotFound)
		return
	}
	http.Redirect(w, r, view.ArticlePath(a), http.StatusMovedPermanently)
}
