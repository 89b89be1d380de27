package admin

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/midad/midad/internal/news"
	"github.com/midad/midad/internal/newsdesk"
	"github.com/midad/midad/internal/web/view"
)

// Desk is the newsroom's article workflow (internal/newsdesk).
type Desk interface {
	List(ctx context.Context, u news.User, status news.Status, p news.Page) (news.ArticleList, error)
	Article(ctx context.Context, u news.User, id int64) (news.Article, error)
	Open(ctx context.Context, u news.User, id int64) (news.Article, news.User, error)
	Create(ctx context.Context, u news.User, in newsdesk.Input, act newsdesk.Action) (news.Article, error)
	Update(ctx context.Context, u news.User, id int64, in newsdesk.Input, act newsdesk.Action, note string) (news.Article, error)
	Revisions(ctx context.Context, u news.User, id int64) (news.Article, []news.Revision, error)
	Compare(ctx context.Context, u news.User, id int64, from, to int, show newsdesk.Show) (newsdesk.Comparison, error)
	Restore(ctx context.Context, u news.User, id int64, version, current int) (news.Article, error)
	Bylines(ctx context.Context, u news.User, a news.Article) ([]news.Author, error)
	Release(ctx context.Context, u news.User, id int64) error
	Images(ctx context.Context, limit int) ([]news.Image, error)
}

// Preview draws an article as readers will see it, whatever its status.
type Preview interface {
	Preview(w http.ResponseWriter, r *http.Request, a news.Article)
}

// maxArticleForm bounds an article form: a body at its limit in Arabic
// (two bytes a letter) with its markup, and the other fields.
const maxArticleForm = 2 << 20

// statuses are the list's tabs, in workflow order.
var statuses = []news.Status{news.Draft, news.InReview, news.Scheduled, news.Published, news.Unpublished}

type articleList struct {
	view.Base
	User     news.User
	List     news.ArticleList
	Status   news.Status
	Statuses []news.Status
}

// articles lists the articles the account may see, by status.
func (a *Admin) articleList(w http.ResponseWriter, r *http.Request) {
	u := currentUser(r)
	status := news.Status(r.URL.Query().Get("status"))
	if status != "" && !status.Valid() {
		a.pages.ErrorPage(w, r, http.StatusBadRequest, "")
		return
	}
	page := 1
	if v := r.URL.Query().Get("page"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 10000 {
			a.pages.ErrorPage(w, r, http.StatusBadRequest, "")
			return
		}
		page = n
	}
	base, err := a.page(r, "newsroom.articles.title")
	if err != nil {
		a.pages.Fail(w, r, err)
		return
	}
	list, err := a.desk.List(r.Context(), u, status, news.Page{Number: page, Size: 30})
	if err != nil {
		a.pages.Fail(w, r, err)
		return
	}
	a.pages.Render(w, r, http.StatusOK, "newsroom_articles", articleList{Base: base, User: u, List: list, Status: status, Statuses: statuses})
}

// articleForm is the editor page's data.
type articleForm struct {
	view.Base
	User      news.User
	Article   news.Article // as stored (ID 0 for a new article)
	In        newsdesk.Input
	PublishAt string // the schedule field's value, in the site's time zone
	Rights    newsdesk.Rights
	Sections  []news.Section
	Authors   []news.Author
	Images    []news.Image
	Holder    news.User // someone else who has the article open
	Errors    map[string]string
	Error     string
	Notice    string
	Conflict  []newsdesk.FieldDiff // what the other save changed, on a conflict
	Autosave  bool
	// Share is what the search and share previews need (seo.go).
	Share sharePreview
}

// show turns stored values (a status, a language, an image id) into words
// for the revision and conflict diffs.
func (a *Admin) show(lang string) newsdesk.Show {
	return func(field, value string) string {
		switch {
		case value == "":
			return ""
		case field == "status":
			return a.cat.T(lang, "status."+value)
		case field == "lang":
			return a.cat.T(lang, "article.lang."+value)
		case field == "breaking":
			return a.cat.T(lang, "revisions.breaking."+value)
		case field == "image":
			return a.cat.T(lang, "revisions.image") + " " + value
		}
		return value
	}
}

// Chosen reports whether the author is among the form's bylines.
func (f articleForm) Chosen(id int64) bool {
	for _, a := range f.In.AuthorIDs {
		if a == id {
			return true
		}
	}
	return false
}

func (a *Admin) newArticle(w http.ResponseWriter, r *http.Request) {
	u := currentUser(r)
	a.renderArticle(w, r, http.StatusOK, articleForm{User: u, In: newsdesk.Input{Lang: "ar"},
		Rights: newsdesk.RightsOn(u, news.Article{CreatedBy: u.ID, Status: news.Draft})})
}

// editArticle opens an article in the editor, claiming it for a while so
// that others are warned.
func (a *Admin) editArticle(w http.ResponseWriter, r *http.Request) {
	u := currentUser(r)
	id, ok := pathID(r)
	if !ok {
		a.pages.Fail(w, r, news.ErrNotFound)
		return
	}
	art, holder, err := a.desk.Open(r.Context(), u, id)
	if err != nil {
		a.pages.Fail(w, r, err)
		return
	}
	form := articleForm{User: u, Article: art, In: newsdesk.InputFrom(art.Snapshot(), art.Version), Holder: holder,
		Rights: newsdesk.RightsOn(u, art)}
	if r.URL.Query().Get("saved") == "1" {
		form.Notice = "article.saved"
	}
	a.renderArticle(w, r, http.StatusOK, form)
}

func (a *Admin) renderArticle(w http.ResponseWriter, r *http.Request, status int, f articleForm) {
	base, err := a.page(r, "newsroom.article.title")
	if err != nil {
		a.pages.Fail(w, r, err)
		return
	}
	f.Base = base
	f.Editor = true
	if f.Notice != "" {
		f.Notice = a.cat.T(base.Lang, f.Notice)
	}
	if f.Article.Headline != "" {
		f.Title = f.Article.Headline
	}
	if f.Sections, err = a.sectionStore.Sections(r.Context()); err != nil {
		a.pages.Fail(w, r, err)
		return
	}
	if f.Authors, err = a.desk.Bylines(r.Context(), f.User, f.Article); err != nil {
		a.pages.Fail(w, r, err)
		return
	}
	if f.Images, err = a.desk.Images(r.Context(), 30); err != nil {
		a.pages.Fail(w, r, err)
		return
	}
	// The article's own images are always a choice, however old: a save
	// must not drop them for not being among the latest.
	for _, im := range []news.Image{f.Article.SocialImage, f.Article.Image} {
		if im.ID != 0 && !slices.ContainsFunc(f.Images, func(x news.Image) bool { return x.ID == im.ID }) {
			f.Images = append([]news.Image{im}, f.Images...)
		}
	}
	f.Share = a.sharePreview(r, f)
	if f.In.PublishAt.IsZero() && f.Article.Status == news.Scheduled {
		f.In.PublishAt = f.Article.Published
	}
	if !f.In.PublishAt.IsZero() {
		f.PublishAt = f.In.PublishAt.In(location(base)).Format(dateTimeLocal)
	}
	// No autosave on a conflict: saving over someone's work must be a
	// choice made by pressing a button.
	f.Autosave = f.Rights.Edit && f.Conflict == nil && (f.Article.ID == 0 || f.Article.Status == news.Draft || f.Article.Status == news.InReview)
	a.pages.Render(w, r, status, "newsroom_article", f)
}

// location is the site's time zone, in which the schedule field is read.
func location(base view.Base) *time.Location {
	if base.Dates.Loc == nil {
		return time.UTC
	}
	return base.Dates.Loc
}

// dateTimeLocal is the format of <input type="datetime-local">.
const dateTimeLocal = "2006-01-02T15:04"

// saveArticle creates (no id) or updates an article from the editor's
// form, then moves it through the workflow as the pressed button asks.
// With Accept: application/json (the page's autosave) it answers JSON.
func (a *Admin) saveArticle(w http.ResponseWriter, r *http.Request) {
	u := currentUser(r)
	wantJSON := strings.Contains(r.Header.Get("Accept"), "application/json")
	var id int64
	if r.PathValue("id") != "" {
		var ok bool
		if id, ok = pathID(r); !ok {
			a.pages.Fail(w, r, news.ErrNotFound)
			return
		}
	}
	base, err := a.page(r, "newsroom.article.title")
	if err != nil {
		a.pages.Fail(w, r, err)
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxArticleForm)
	in, act, autosave, ferr := readArticleForm(r, location(base))
	var tooBig *http.MaxBytesError
	if errors.As(ferr, &tooBig) {
		if wantJSON {
			a.jsonError(w, http.StatusRequestEntityTooLarge, a.cat.T(base.Lang, "error.too_large.text"), "")
			return
		}
		a.pages.ErrorPage(w, r, http.StatusRequestEntityTooLarge, "")
		return
	}
	if errors.Is(ferr, errBadForm) {
		if wantJSON {
			a.jsonError(w, http.StatusBadRequest, a.cat.T(base.Lang, "error.bad_request.text"), "")
			return
		}
		a.pages.ErrorPage(w, r, http.StatusBadRequest, "")
		return
	}
	var stored news.Article
	if id != 0 {
		if stored, err = a.desk.Article(r.Context(), u, id); err != nil {
			if wantJSON && errors.Is(err, news.ErrNotFound) {
				a.jsonError(w, http.StatusNotFound, a.cat.T(base.Lang, "error.not_found.text"), "")
				return
			}
			a.pages.Fail(w, r, err)
			return
		}
		// Autosave keeps drafts only: a half-typed correction must not go
		// live on a published article.
		if autosave && stored.Status != news.Draft && stored.Status != news.InReview {
			a.jsonError(w, http.StatusConflict, a.cat.T(base.Lang, "article.error.autosave_live"), "")
			return
		}
	}
	// A form without the image field keeps the image the article has;
	// so do the search and share fields (a page opened before they
	// existed, a client that does not know them).
	if !r.PostForm.Has("image") {
		in.ImageID = stored.Image.ID
	}
	keepShareFields(r.PostForm, &in, stored)
	note := ""
	if autosave {
		note = "autosave"
	}
	var saved news.Article
	if ferr == nil {
		if id == 0 {
			saved, err = a.desk.Create(r.Context(), u, in, act)
		} else {
			saved, err = a.desk.Update(r.Context(), u, id, in, act, note)
		}
	} else {
		err = ferr
	}
	if err == nil {
		if wantJSON {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusOK)
			json.NewEncoder(w).Encode(map[string]any{"id": saved.ID, "version": saved.Version, "status": saved.Status,
				"url":   editPath(saved.ID),
				"saved": base.Dates.DateTime(base.Now)})
			return
		}
		http.Redirect(w, r, editPath(saved.ID)+"?saved=1", http.StatusSeeOther)
		return
	}

	// Refused: the form comes back with what was typed and why.
	form := articleForm{User: u, Article: stored, In: in, Errors: map[string]string{}}
	status := http.StatusUnprocessableEntity
	var fe *news.FieldError
	switch {
	case errors.As(err, &fe):
		form.Errors[fe.Field] = a.cat.T(base.Lang, fe.Key)
		form.Error = a.cat.T(base.Lang, "article.error.fields")
	case errors.Is(err, newsdesk.ErrForbidden):
		status = http.StatusForbidden
		form.Error = a.cat.T(base.Lang, "article.error.forbidden")
	case errors.Is(err, news.ErrConflict):
		status = http.StatusConflict
		form.Error = a.cat.T(base.Lang, "article.error.conflict")
		current, cerr := a.desk.Article(r.Context(), u, id)
		if cerr != nil {
			a.pages.Fail(w, r, cerr)
			return
		}
		form.Article = current
		form.Conflict = newsdesk.Diff(current.Snapshot(), saved.Snapshot(), a.show(base.Lang))
		// Saving again is now a choice made knowing what it replaces.
		form.In.Version = current.Version
	case errors.Is(err, news.ErrNotFound):
		a.pages.Fail(w, r, err)
		return
	default:
		if wantJSON {
			a.jsonError(w, http.StatusInternalServerError, a.cat.T(base.Lang, "error.internal.text"), "")
			return
		}
		a.pages.Fail(w, r, err)
		return
	}
	if id == 0 {
		form.Rights = newsdesk.RightsOn(u, news.Article{CreatedBy: u.ID, Status: news.Draft})
	} else {
		form.Rights = newsdesk.RightsOn(u, form.Article)
	}
	if wantJSON {
		field := ""
		msg := form.Error
		if fe != nil {
			field, msg = fe.Field, form.Errors[fe.Field]
		}
		a.jsonError(w, status, msg, field)
		return
	}
	a.renderArticle(w, r, status, form)
}

var errBadForm = errors.New("malformed article form")

// readArticleForm reads the editor's form. Fields that are not the
// article's (a role, an owner, a status) are never read.
func readArticleForm(r *http.Request, loc *time.Location) (in newsdesk.Input, act newsdesk.Action, autosave bool, err error) {
	if err := r.ParseForm(); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return in, act, false, err
		}
		return in, act, false, errBadForm
	}
	f := r.PostForm
	in = newsdesk.Input{Kicker: f.Get("kicker"), Headline: f.Get("headline"), Summary: f.Get("summary"),
		Body: f.Get("body"), Slug: f.Get("slug"), Lang: f.Get("lang"), Tags: f.Get("tags"), Breaking: f.Get("breaking") == "on"}
	act = newsdesk.Action(f.Get("action"))
	switch act {
	case "":
		act = newsdesk.Save
	case newsdesk.Save, newsdesk.Submit, newsdesk.ToDraft, newsdesk.Schedule, newsdesk.Publish, newsdesk.Unpublish:
	default:
		return in, act, false, errBadForm
	}
	autosave = f.Get("autosave") == "1"
	if autosave && act != newsdesk.Save {
		return in, act, false, errBadForm
	}
	if v := f.Get("version"); v != "" {
		if in.Version, err = strconv.Atoi(v); err != nil {
			return in, act, false, errBadForm
		}
	}
	if in.SectionID, err = optionalID(f.Get("section")); err != nil {
		return in, act, autosave, &news.FieldError{Field: "section", Key: "error.field.required"}
	}
	if in.ImageID, err = optionalID(f.Get("image")); err != nil {
		return in, act, autosave, &news.FieldError{Field: "image", Key: "error.field.invalid_image"}
	}
	if err := readShareFields(f, &in); err != nil {
		return in, act, autosave, err
	}
	for _, v := range f["authors"] {
		id, err := optionalID(v)
		if err != nil || id == 0 {
			return in, act, autosave, &news.FieldError{Field: "authors", Key: "error.field.invalid_author"}
		}
		in.AuthorIDs = append(in.AuthorIDs, id)
	}
	if v := strings.TrimSpace(f.Get("publish_at")); v != "" && act == newsdesk.Schedule {
		t, err := time.ParseInLocation(dateTimeLocal, v, loc)
		for _, layout := range []string{dateTimeLocal + ":05", dateTimeLocal + ":05.000"} {
			if err == nil {
				break
			}
			// browsers send seconds (and milliseconds) when the value has them
			t, err = time.ParseInLocation(layout, v, loc)
		}
		if err != nil {
			return in, act, autosave, &news.FieldError{Field: "publish_at", Key: "error.field.invalid_time"}
		}
		in.PublishAt = t
	}
	return in, act, autosave, nil
}

func optionalID(v string) (int64, error) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, nil
	}
	id, err := strconv.ParseInt(v, 10, 64)
	if err != nil || id < 0 {
		return 0, errBadForm
	}
	return id, nil
}

// editPath is the address of an article's editor page.
func editPath(id int64) string { return "/newsroom/articles/" + strconv.FormatInt(id, 10) }

func pathID(r *http.Request) (int64, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	return id, err == nil && id > 0
}

func (a *Admin) jsonError(w http.ResponseWriter, status int, msg, field string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(map[string]string{"error": msg, "field": field})
}

// release gives up the account's claim on an article when its editor page
// is left (the page sends it as a beacon), so that others are not warned
// for ten minutes about someone who is gone.
func (a *Admin) release(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	if !ok {
		a.pages.Fail(w, r, news.ErrNotFound)
		return
	}
	if err := a.desk.Release(r.Context(), currentUser(r), id); err != nil {
		a.pages.Fail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
