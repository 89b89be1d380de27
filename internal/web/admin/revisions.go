package admin

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/midad/midad/internal/news"
	"github.com/midad/midad/internal/newsdesk"
	"github.com/midad/midad/internal/web/view"
)

// preview shows the article as readers will see it.
func (a *Admin) preview(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	if !ok {
		a.pages.Fail(w, r, news.ErrNotFound)
		return
	}
	art, err := a.desk.Article(r.Context(), currentUser(r), id)
	if err != nil {
		a.pages.Fail(w, r, err)
		return
	}
	a.previewer.Preview(w, r, art)
}

type revisionsPage struct {
	view.Base
	Article    news.Article
	Revisions  []news.Revision
	Comparison *newsdesk.Comparison
	Rights     newsdesk.Rights
	Error      string
}

// revisions lists an article's revisions and, with ?from=&to=, compares
// two of them.
func (a *Admin) revisions(w http.ResponseWriter, r *http.Request) {
	u := currentUser(r)
	id, ok := pathID(r)
	if !ok {
		a.pages.Fail(w, r, news.ErrNotFound)
		return
	}
	art, revs, err := a.desk.Revisions(r.Context(), u, id)
	if err != nil {
		a.pages.Fail(w, r, err)
		return
	}
	base, err := a.page(r, "newsroom.revisions.title")
	if err != nil {
		a.pages.Fail(w, r, err)
		return
	}
	page := revisionsPage{Base: base, Article: art, Revisions: revs, Rights: newsdesk.RightsOn(u, art)}
	switch r.URL.Query().Get("problem") {
	case "forbidden":
		page.Error = a.cat.T(base.Lang, "article.error.forbidden")
	case "conflict":
		page.Error = a.cat.T(base.Lang, "revisions.conflict")
	case "invalid":
		page.Error = a.cat.T(base.Lang, "revisions.invalid")
	}
	q := r.URL.Query()
	if q.Has("from") || q.Has("to") {
		from, err1 := strconv.Atoi(q.Get("from"))
		to, err2 := strconv.Atoi(q.Get("to"))
		if err1 != nil || err2 != nil {
			a.pages.ErrorPage(w, r, http.StatusBadRequest, "")
			return
		}
		cmp, err := a.desk.Compare(r.Context(), u, id, from, to, a.show(base.Lang))
		if err != nil {
			a.pages.Fail(w, r, err)
			return
		}
		page.Comparison = &cmp
	}
	a.pages.Render(w, r, http.StatusOK, "newsroom_revisions", page)
}

// restore saves an earlier revision's content as the newest.
func (a *Admin) restore(w http.ResponseWriter, r *http.Request) {
	u := currentUser(r)
	id, ok := pathID(r)
	version, err := strconv.Atoi(r.PathValue("version"))
	if !ok || err != nil {
		a.pages.Fail(w, r, news.ErrNotFound)
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, 4<<10)
	if err := r.ParseForm(); err != nil {
		a.pages.ErrorPage(w, r, http.StatusBadRequest, "")
		return
	}
	current, err := strconv.Atoi(r.PostForm.Get("version"))
	if err != nil {
		a.pages.ErrorPage(w, r, http.StatusBadRequest, "")
		return
	}
	if _, err := a.desk.Restore(r.Context(), u, id, version, current); err != nil {
		// A refused restore goes back to the revisions with the reason.
		var fe *news.FieldError
		problem := ""
		switch {
		case errors.Is(err, newsdesk.ErrForbidden):
			problem = "forbidden"
		case errors.Is(err, news.ErrConflict):
			problem = "conflict"
		case errors.As(err, &fe):
			problem = "invalid"
		default:
			a.pages.Fail(w, r, err)
			return
		}
		http.Redirect(w, r, editPath(id)+"/revisions?problem="+problem, http.StatusSeeOther)
		return
	}
	http.Redirect(w, r, editPath(id)+"?saved=1", http.StatusSeeOther)
}
