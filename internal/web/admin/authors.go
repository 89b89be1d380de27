package admin

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/midad/midad/internal/arabic"
	"github.com/midad/midad/internal/news"
	"github.com/midad/midad/internal/web/view"
)

// AuthorStore keeps the authors, for renaming them.
type AuthorStore interface {
	Authors(ctx context.Context) ([]news.Author, error)
	AuthorByID(ctx context.Context, id int64) (news.Author, error)
	UpdateAuthor(ctx context.Context, a news.Author) error
}

type authorsPage struct {
	view.Base
	Query   string
	Authors []news.Author
	More    bool
	// Failed is the author whose change was refused, with Error saying why.
	Failed news.Author
	Error  string
	Done   bool
}

// authors lists the authors matching ?q= (all, up to maxListed), each with
// name, slug and bio to change (editors and up).
func (a *Admin) authors(w http.ResponseWriter, r *http.Request) {
	a.renderAuthors(w, r, http.StatusOK, news.Author{}, "")
}

func (a *Admin) renderAuthors(w http.ResponseWriter, r *http.Request, status int, failed news.Author, errKey string) {
	base, err := a.page(r, "newsroom.authors.title")
	if err != nil {
		a.pages.Fail(w, r, err)
		return
	}
	all, err := a.authorStore.Authors(r.Context())
	if err != nil {
		a.pages.Fail(w, r, err)
		return
	}
	page := authorsPage{Base: base, Query: strings.TrimSpace(r.FormValue("q")), Failed: failed, Done: r.URL.Query().Get("done") == "1"}
	if errKey != "" {
		page.Error = a.cat.T(base.Lang, errKey)
	}
	for _, au := range all {
		if au.ID == failed.ID {
			au = failed // shown as typed, with the error
		} else if !matches(page.Query, au.Name, au.Slug) {
			continue
		}
		if len(page.Authors) == maxListed {
			page.More = true
			break
		}
		page.Authors = append(page.Authors, au)
	}
	a.pages.Render(w, r, status, "newsroom_authors", page)
}

// saveAuthor renames one author; a changed slug keeps the author's earlier
// address leading to the author page.
func (a *Admin) saveAuthor(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 32<<10)
	if err := r.ParseForm(); err != nil {
		a.pages.ErrorPage(w, r, http.StatusBadRequest, "")
		return
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		a.pages.Fail(w, r, news.ErrNotFound)
		return
	}
	au, err := a.authorStore.AuthorByID(r.Context(), id)
	if err != nil {
		a.pages.Fail(w, r, err)
		return
	}
	au.Name = strings.TrimSpace(r.PostForm.Get("name"))
	au.Slug = strings.TrimSpace(r.PostForm.Get("slug"))
	au.Bio = strings.TrimSpace(r.PostForm.Get("bio"))
	if au.Slug == "" {
		au.Slug = arabic.Slugify(au.Name, news.MaxListSlug)
	}
	if err := a.authorStore.UpdateAuthor(r.Context(), au); err != nil {
		if key, ok := renameErrorKey(err, "author.error.exists"); ok {
			a.renderAuthors(w, r, http.StatusUnprocessableEntity, au, key)
			return
		}
		a.pages.Fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/newsroom/authors?done=1&q="+url.QueryEscape(r.FormValue("q")), http.StatusSeeOther)
}
