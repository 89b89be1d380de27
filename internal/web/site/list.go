package site

import (
	"net/http"
	"strconv"

	"github.com/midad/midad/internal/i18n"
	"github.com/midad/midad/internal/news"
	"github.com/midad/midad/internal/web/view"
)

// pageSize is the number of articles on a section, author or tag page.
const pageSize = 20

// maxPage bounds ?page= so that a crafted number cannot ask for an absurd
// offset.
const maxPage = 10000

type listPage struct {
	view.Base
	Kind       string // what the list is: "قسم", "كاتب", "وسم"
	Heading    string
	Intro      string
	Count      string
	Path       string
	PageStatus string
	List       news.ArticleList
}

var articleForms = i18n.PluralForms{
	Zero: "لا مقالات", One: "مقال واحد", Two: "مقالان",
	Few: "%d مقالات", Many: "%d مقالاً", Other: "%d مقال",
}

var resultForms = i18n.PluralForms{
	Zero: "لا نتائج", One: "نتيجة واحدة", Two: "نتيجتان",
	Few: "%d نتائج", Many: "%d نتيجة", Other: "%d نتيجة",
}

func plural(n int, f i18n.PluralForms, d i18n.Dates) string { return i18n.Plural(n, f, d.Digits) }

// pageNumber reads ?page=, which must be a whole number from 1 to maxPage.
func pageNumber(r *http.Request) (int, error) {
	v := r.URL.Query()["page"]
	if len(v) == 0 {
		return 1, nil
	}
	n, err := strconv.Atoi(v[0])
	if err != nil || n < 1 || n > maxPage || len(v) > 1 {
		return 0, errBadRequest
	}
	return n, nil
}

// list serves one page of a filtered article list.
func (s *Site) list(w http.ResponseWriter, r *http.Request, kindKey, heading, intro, path string, f news.Filter) {
	ctx := r.Context()
	n, err := pageNumber(r)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	base, err := s.base(ctx, heading)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	f.Now = base.Now
	list, err := s.content.PublishedArticles(ctx, f, news.Page{Number: n, Size: pageSize})
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	if n > list.Pages() {
		s.Fail(w, r, news.ErrNotFound)
		return
	}
	base.Canonical = s.canonical(r, view.PageURL(path, n))
	base.Description = s.listDescription(base, kindKey, heading, intro)
	if err := s.card(ctx, r, &base); err != nil {
		s.Fail(w, r, err)
		return
	}
	d := base.Dates
	s.Render(w, r, http.StatusOK, "list", listPage{
		Base:    base,
		Kind:    s.cat.T(base.Lang, kindKey),
		Heading: heading,
		Intro:   intro,
		Count:   plural(list.Total, articleForms, d),
		Path:    path,
		PageStatus: s.cat.T(base.Lang, "pagination.page") + " " + d.Number(n) + " " +
			s.cat.T(base.Lang, "pagination.of") + " " + d.Number(list.Pages()),
		List: list,
	})
}

func (s *Site) section(w http.ResponseWriter, r *http.Request) {
	sec, err := s.content.SectionBySlug(r.Context(), r.PathValue("slug"))
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	s.list(w, r, "list.kind.section", sec.Name, "", view.SectionPath(sec), news.Filter{SectionID: sec.ID})
}

func (s *Site) author(w http.ResponseWriter, r *http.Request) {
	a, err := s.content.AuthorBySlug(r.Context(), r.PathValue("slug"))
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	s.list(w, r, "list.kind.author", a.Name, a.Bio, view.AuthorPath(a), news.Filter{AuthorID: a.ID})
}

func (s *Site) tag(w http.ResponseWriter, r *http.Request) {
	t, err := s.content.TagBySlug(r.Context(), r.PathValue("slug"))
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	s.list(w, r, "list.kind.tag", t.Name, "", view.TagPath(t), news.Filter{TagID: t.ID})
}
