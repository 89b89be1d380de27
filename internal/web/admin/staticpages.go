package admin

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/midad/midad/internal/news"
	"github.com/midad/midad/internal/newsdesk"
	"github.com/midad/midad/internal/web/view"
)

// StaticPages is the newsroom's desk for static pages (internal/newsdesk).
type StaticPages interface {
	MayEdit(u news.User) bool
	List(ctx context.Context, u news.User) ([]news.StaticPage, error)
	Page(ctx context.Context, u news.User, id int64) (news.StaticPage, error)
	Create(ctx context.Context, u news.User, in newsdesk.PageInput) (news.StaticPage, error)
	Update(ctx context.Context, u news.User, id int64, in newsdesk.PageInput) (news.StaticPage, error)
}

// staticPageRoutes registers the static pages' screens. Every account
// reaches them, so that those who may not write pages are told so.
func (a *Admin) staticPageRoutes(mux *http.ServeMux) {
	mux.Handle("GET /newsroom/pages", a.require(news.Contributor, a.pageList))
	mux.Handle("GET /newsroom/pages/new", a.require(news.Contributor, a.newPage))
	mux.Handle("POST /newsroom/pages", a.require(news.Contributor, a.savePage))
	mux.Handle("GET /newsroom/pages/{id}", a.require(news.Contributor, a.editPage))
	mux.Handle("POST /newsroom/pages/{id}", a.require(news.Contributor, a.savePage))
}

type pageListPage struct {
	view.Base
	Pages []news.StaticPage
	Error string
}

// pageList lists every static page, footer pages first in their order.
func (a *Admin) pageList(w http.ResponseWriter, r *http.Request) {
	base, err := a.page(r, "newsroom.pages.title")
	if err != nil {
		a.pages.Fail(w, r, err)
		return
	}
	list, err := a.staticPages.List(r.Context(), currentUser(r))
	if errors.Is(err, newsdesk.ErrForbidden) {
		a.pageForbidden(w, r, base)
		return
	}
	if err != nil {
		a.pages.Fail(w, r, err)
		return
	}
	a.pages.Render(w, r, http.StatusOK, "newsroom_pages", pageListPage{Base: base, Pages: list})
}

// pageForbidden tells an account that static pages are not theirs to
// write.
func (a *Admin) pageForbidden(w http.ResponseWriter, r *http.Request, base view.Base) {
	a.pages.Render(w, r, http.StatusForbidden, "newsroom_pages",
		pageListPage{Base: base, Error: a.cat.T(base.Lang, "newsroom.pages.forbidden")})
}

// pageForm is the static page editor's data.
type pageForm struct {
	view.Base
	Page   news.StaticPage // as stored (ID 0 for a new page)
	In     newsdesk.PageInput
	Errors map[string]string // field → message key
	Error  string            // message key
	Notice string            // message key
}

func (a *Admin) newPage(w http.ResponseWriter, r *http.Request) {
	if !a.staticPages.MayEdit(currentUser(r)) {
		a.forbidPage(w, r)
		return
	}
	a.renderPage(w, r, http.StatusOK, pageForm{In: newsdesk.PageInput{Lang: "ar", Status: news.Draft}})
}

func (a *Admin) editPage(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	if !ok {
		a.pages.Fail(w, r, news.ErrNotFound)
		return
	}
	p, err := a.staticPages.Page(r.Context(), currentUser(r), id)
	if errors.Is(err, newsdesk.ErrForbidden) {
		a.forbidPage(w, r)
		return
	}
	if err != nil {
		a.pages.Fail(w, r, err)
		return
	}
	form := pageForm{Page: p, In: newsdesk.PageInputFrom(p)}
	if r.URL.Query().Get("saved") == "1" {
		form.Notice = "page.saved"
	}
	a.renderPage(w, r, http.StatusOK, form)
}

func (a *Admin) forbidPage(w http.ResponseWriter, r *http.Request) {
	base, err := a.page(r, "newsroom.pages.title")
	if err != nil {
		a.pages.Fail(w, r, err)
		return
	}
	a.pageForbidden(w, r, base)
}

func (a *Admin) renderPage(w http.ResponseWriter, r *http.Request, status int, f pageForm) {
	key := "newsroom.pages.new"
	if f.Page.ID != 0 {
		key = "newsroom.pages.edit"
	}
	base, err := a.page(r, key)
	if err != nil {
		a.pages.Fail(w, r, err)
		return
	}
	f.Base = base
	f.Editor = true
	// Messages travel as keys, said here in the newsroom's language.
	for _, m := range []*string{&f.Notice, &f.Error} {
		if *m != "" {
			*m = a.cat.T(base.Lang, *m)
		}
	}
	for field, key := range f.Errors {
		f.Errors[field] = a.cat.T(base.Lang, key)
	}
	a.pages.Render(w, r, status, "newsroom_page", f)
}

// savePage creates (no id) or updates a static page from the editor's
// form. A refused form comes back with what was typed and why.
func (a *Admin) savePage(w http.ResponseWriter, r *http.Request) {
	u := currentUser(r)
	var id int64
	if r.PathValue("id") != "" {
		var ok bool
		if id, ok = pathID(r); !ok {
			a.pages.Fail(w, r, news.ErrNotFound)
			return
		}
	}
	if !a.staticPages.MayEdit(u) {
		a.forbidPage(w, r)
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxArticleForm)
	in, err := readPageForm(r)
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		a.pages.ErrorPage(w, r, http.StatusRequestEntityTooLarge, "")
		return
	}
	if errors.Is(err, errBadForm) {
		a.pages.ErrorPage(w, r, http.StatusBadRequest, "")
		return
	}
	var stored news.StaticPage
	if id != 0 {
		var serr error
		if stored, serr = a.staticPages.Page(r.Context(), u, id); serr != nil {
			a.pages.Fail(w, r, serr)
			return
		}
	}
	var saved news.StaticPage
	if err == nil {
		if id == 0 {
			saved, err = a.staticPages.Create(r.Context(), u, in)
		} else {
			saved, err = a.staticPages.Update(r.Context(), u, id, in)
		}
	}
	if err == nil {
		http.Redirect(w, r, pageEditPath(saved.ID)+"?saved=1", http.StatusSeeOther)
		return
	}

	form := pageForm{Page: stored, In: in, Errors: map[string]string{}}
	status := http.StatusUnprocessableEntity
	var fe *news.FieldError
	switch {
	case errors.As(err, &fe):
		form.Errors[fe.Field] = fe.Key
		form.Error = "page.error.fields"
	case errors.Is(err, news.ErrConflict):
		status = http.StatusConflict
		form.Error = "page.error.conflict"
		current, cerr := a.staticPages.Page(r.Context(), u, id)
		if cerr != nil {
			a.pages.Fail(w, r, cerr)
			return
		}
		form.Page = current
		// Saving again is now a choice made knowing it replaces theirs.
		form.In.Version = current.Version
	case errors.Is(err, newsdesk.ErrForbidden):
		a.forbidPage(w, r)
		return
	default:
		a.pages.Fail(w, r, err)
		return
	}
	a.renderPage(w, r, status, form)
}

// readPageForm reads the static page editor's form.
func readPageForm(r *http.Request) (in newsdesk.PageInput, err error) {
	if err := r.ParseForm(); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return in, err
		}
		return in, errBadForm
	}
	f := r.PostForm
	in = newsdesk.PageInput{Title: f.Get("title"), Slug: f.Get("slug"), Body: f.Get("body"), Lang: f.Get("lang"),
		Status: news.Status(f.Get("status")), InFooter: f.Get("in_footer") == "on"}
	if in.Status == "" {
		in.Status = news.Draft
	}
	if v := f.Get("version"); v != "" {
		if in.Version, err = strconv.Atoi(v); err != nil {
			return in, errBadForm
		}
	}
	if v := strings.TrimSpace(f.Get("position")); v != "" {
		if in.Position, err = strconv.Atoi(v); err != nil {
			return in, &news.FieldError{Field: "position", Key: "error.field.invalid_position"}
		}
	}
	return in, nil
}

// pageEditPath is the address of a static page's editor.
func pageEditPath(id int64) string { return "/newsroom/pages/" + strconv.FormatInt(id, 10) }
