package admin

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/midad/midad/internal/arabic"
	"github.com/midad/midad/internal/news"
	"github.com/midad/midad/internal/web/view"
)

// TagStore keeps the tags, for renaming them.
type TagStore interface {
	Tags(ctx context.Context) ([]news.Tag, error)
	TagByID(ctx context.Context, id int64) (news.Tag, error)
	UpdateTag(ctx context.Context, t news.Tag) error
}

// maxListed is how many tags or authors a rename screen lists; a search
// narrows the rest.
const maxListed = 100

type tagsPage struct {
	view.Base
	Query string
	Tags  []news.Tag
	More  bool
	// Failed is the tag whose rename was refused, with Error saying why.
	Failed news.Tag
	Error  string
	Done   bool
}

// tags lists the tags matching ?q= (all, up to maxListed), each with its
// name and slug to change (editors and up).
func (a *Admin) tags(w http.ResponseWriter, r *http.Request) {
	a.renderTags(w, r, http.StatusOK, news.Tag{}, "")
}

func (a *Admin) renderTags(w http.ResponseWriter, r *http.Request, status int, failed news.Tag, errKey string) {
	base, err := a.page(r, "newsroom.tags.title")
	if err != nil {
		a.pages.Fail(w, r, err)
		return
	}
	all, err := a.tagStore.Tags(r.Context())
	if err != nil {
		a.pages.Fail(w, r, err)
		return
	}
	page := tagsPage{Base: base, Query: strings.TrimSpace(r.FormValue("q")), Failed: failed, Done: r.URL.Query().Get("done") == "1"}
	if errKey != "" {
		page.Error = a.cat.T(base.Lang, errKey)
	}
	for _, t := range all {
		if t.ID == failed.ID {
			t = failed // shown as typed, with the error
		} else if !matches(page.Query, t.Name, t.Slug) {
			continue
		}
		if len(page.Tags) == maxListed {
			page.More = true
			break
		}
		page.Tags = append(page.Tags, t)
	}
	a.pages.Render(w, r, status, "newsroom_tags", page)
}

// matches reports whether a list filter q (empty: everything) is found in
// one of the fields, compared as search compares Arabic.
func matches(q string, fields ...string) bool {
	if q == "" {
		return true
	}
	nq := arabic.Fold(q)
	for _, f := range fields {
		if strings.Contains(arabic.Fold(f), nq) {
			return true
		}
	}
	return false
}

// saveTag renames one tag; a changed slug keeps the tag's earlier address
// leading to it.
func (a *Admin) saveTag(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 16<<10)
	if err := r.ParseForm(); err != nil {
		a.pages.ErrorPage(w, r, http.StatusBadRequest, "")
		return
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		a.pages.Fail(w, r, news.ErrNotFound)
		return
	}
	t, err := a.tagStore.TagByID(r.Context(), id)
	if err != nil {
		a.pages.Fail(w, r, err)
		return
	}
	t.Name = strings.TrimSpace(r.PostForm.Get("name"))
	t.Slug = strings.TrimSpace(r.PostForm.Get("slug"))
	if t.Slug == "" {
		t.Slug = arabic.Slugify(t.Name, news.MaxListSlug)
	}
	if err := a.tagStore.UpdateTag(r.Context(), t); err != nil {
		if key, ok := renameErrorKey(err, "tag.error.exists"); ok {
			a.renderTags(w, r, http.StatusUnprocessableEntity, t, key)
			return
		}
		a.pages.Fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/newsroom/tags?done=1&q="+url.QueryEscape(r.FormValue("q")), http.StatusSeeOther)
}

// renameErrorKey is the message of a refused rename: the field's, or
// existsKey for a slug that is taken. ok is false for other errors.
func renameErrorKey(err error, existsKey string) (key string, ok bool) {
	var fe *news.FieldError
	switch {
	case errors.As(err, &fe):
		return fe.Key, true
	case errors.Is(err, news.ErrExists):
		return existsKey, true
	}
	return "", false
}
