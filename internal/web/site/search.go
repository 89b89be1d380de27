package site

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/midad/midad/internal/news"
	"github.com/midad/midad/internal/search"
	"github.com/midad/midad/internal/web/view"
)

// Searcher runs readers' searches.
type Searcher interface {
	Search(ctx context.Context, req search.Request) (search.Result, error)
}

// searchPageSize is the number of results on a page.
const searchPageSize = 10

type searchView struct {
	view.Base
	Query      string
	Section    string
	Author     string
	From, To   string
	Sort       string
	Authors    []news.Author
	Result     search.Result
	Count      string
	PageStatus string
	Path       string // the results' URL without page, for pagination
}

// searchPage serves /search. Whatever a reader types is searched as text: an
// empty query shows the form, a query with nothing to search says so, and
// filters that do not parse are left out rather than refused.
func (s *Site) searchPage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	n, err := pageNumber(r)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	q := r.URL.Query()
	page := searchView{
		Query:   strings.TrimSpace(q.Get("q")),
		Section: q.Get("section"),
		Author:  q.Get("author"),
		From:    q.Get("from"),
		To:      q.Get("to"),
		Sort:    q.Get("sort"),
	}
	if page.Sort != news.SortDate {
		page.Sort = news.SortRelevance
	}
	base, err := s.base(ctx, "")
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	base.Title = s.cat.T(base.Lang, "search.title")
	base.NoIndex = true
	if err := s.card(ctx, r, &base); err != nil {
		s.Fail(w, r, err)
		return
	}
	page.Base = base
	if page.Authors, err = s.content.Authors(ctx); err != nil {
		s.Fail(w, r, err)
		return
	}
	req := search.Request{Query: page.Query, Sort: page.Sort, Now: base.Now, Page: news.Page{Number: n, Size: searchPageSize}}
	for _, sec := range base.Sections {
		if sec.Slug == page.Section {
			req.SectionID = sec.ID
		}
	}
	if req.SectionID == 0 {
		page.Section = ""
	}
	for _, a := range page.Authors {
		if a.Slug == page.Author {
			req.AuthorID = a.ID
		}
	}
	if req.AuthorID == 0 {
		page.Author = ""
	}
	loc := base.Dates.Loc
	if loc == nil {
		loc = time.UTC
	}
	if t, err := time.ParseInLocation(time.DateOnly, page.From, loc); err == nil {
		req.From = t
	} else {
		page.From = ""
	}
	if t, err := time.ParseInLocation(time.DateOnly, page.To, loc); err == nil {
		req.To = t.AddDate(0, 0, 1) // the whole "to" day
	} else {
		page.To = ""
	}
	if page.Query != "" {
		if page.Result, err = s.search.Search(ctx, req); err != nil {
			s.Fail(w, r, err)
			return
		}
		if page.Result.Searchable && n > page.Result.Pages() {
			s.Fail(w, r, news.ErrNotFound)
			return
		}
	}
	d := base.Dates
	page.Count = s.cat.T(base.Lang, "search.found") + " " + plural(page.Result.Total, resultForms, d)
	if page.Result.More {
		page.Count = s.cat.T(base.Lang, "search.found") + " " + s.cat.T(base.Lang, "search.more_than") + " " +
			plural(page.Result.Total, resultForms, d)
	}
	page.PageStatus = s.cat.T(base.Lang, "pagination.page") + " " + d.Number(n) + " " +
		s.cat.T(base.Lang, "pagination.of") + " " + d.Number(page.Result.Pages())
	keep := url.Values{}
	for k, v := range map[string]string{"q": page.Query, "section": page.Section, "author": page.Author,
		"from": page.From, "to": page.To} {
		if v != "" {
			keep.Set(k, v)
		}
	}
	if page.Sort == news.SortDate {
		keep.Set("sort", page.Sort)
	}
	page.Path = "/search?" + keep.Encode()
	s.Render(w, r, http.StatusOK, "search", page)
}
