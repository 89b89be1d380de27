package site

import (
	"errors"
	"net/http"
	"strings"

	"github.com/midad/midad/internal/news"
	"github.com/midad/midad/internal/web/view"
)

// perSection is how many stories each section shows on the front page.
const perSection = 4

type frontPage struct {
	view.Base
	Lead     *news.Article
	Featured []news.Article
	Blocks   []sectionBlock
}

type sectionBlock struct {
	Section  news.Section
	Articles []news.Article
}

// front serves the front page: the lead story, then each section's latest.
// Until the newsroom curates it, the lead is the newest article.
func (s *Site) front(w http.ResponseWriter, r *http.Request) {
	// WordPress addressed its posts, pages and categories from the front
	// page (/?p=12, /?page_id=3, /?cat=4): those the redirect table knows
	// go to where the thing lives now (or are 404 if it is gone); other
	// queries get the front page.
	if strings.Contains(news.RedirectKey("/", r.URL.RawQuery), "?") {
		if answered, known := s.fromTable(w, r); answered {
			return
		} else if known {
			s.ErrorPage(w, r, http.StatusNotFound, "")
			return
		}
	}
	ctx := r.Context()
	base, err := s.base(ctx, "")
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	base.Canonical = s.canonical(r, "/")
	if err := s.frontCard(ctx, r, &base); err != nil {
		s.Fail(w, r, err)
		return
	}
	page := frontPage{Base: base}
	bySection, err := s.content.LatestBySection(ctx, base.Now, perSection+1)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	// The editors' choice leads when it is visible; otherwise the newest
	// article of all, which is the newest of its section, so among these.
	if id := base.Site.Front.Lead; id != 0 {
		if a, err := s.content.ArticleByID(ctx, id); err == nil && a.Visible(base.Now) {
			page.Lead = &a
		} else if err != nil && !errors.Is(err, news.ErrNotFound) {
			s.Fail(w, r, err)
			return
		}
	}
	if page.Lead == nil {
		for _, list := range bySection {
			if len(list) > 0 && (page.Lead == nil || newer(list[0], *page.Lead)) {
				page.Lead = &list[0]
			}
		}
	}
	var leadID int64
	if page.Lead != nil {
		leadID = page.Lead.ID
	}
	for _, id := range base.Site.Front.Featured {
		a, err := s.content.ArticleByID(ctx, id)
		if errors.Is(err, news.ErrNotFound) || (err == nil && (!a.Visible(base.Now) || a.ID == leadID)) {
			continue // unpublished or deleted since it was chosen
		}
		if err != nil {
			s.Fail(w, r, err)
			return
		}
		page.Featured = append(page.Featured, a)
	}
	for _, sec := range base.Sections {
		var list []news.Article
		for _, a := range bySection[sec.ID] {
			if a.ID != leadID && len(list) < perSection {
				list = append(list, a)
			}
		}
		if len(list) > 0 {
			page.Blocks = append(page.Blocks, sectionBlock{Section: sec, Articles: list})
		}
	}
	s.Render(w, r, http.StatusOK, "front", page)
}

// newer orders articles as lists do: by publication time, then id.
func newer(a, b news.Article) bool {
	if !a.Published.Equal(b.Published) {
		return a.Published.After(b.Published)
	}
	return a.ID > b.ID
}
