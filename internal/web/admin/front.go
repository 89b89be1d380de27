package admin

import (
	"context"
	"net/http"
	"slices"
	"strconv"

	"github.com/midad/midad/internal/news"
	"github.com/midad/midad/internal/web/view"
)

// Articles is what front-page curation reads.
type Articles interface {
	PublishedArticles(ctx context.Context, f news.Filter, p news.Page) (news.ArticleList, error)
	ArticleByID(ctx context.Context, id int64) (news.Article, error)
}

// maxFeatured is how many stories the front page features.
const maxFeatured = 6

type frontCuration struct {
	view.Base
	Front    news.FrontPage
	Latest   []news.Article
	Error    string
	Done     bool
	Featured map[int64]bool
}

// front shows the latest articles to choose the lead and the featured
// stories from (editors and up).
func (a *Admin) front(w http.ResponseWriter, r *http.Request) {
	a.renderFront(w, r, http.StatusOK, "")
}

func (a *Admin) renderFront(w http.ResponseWriter, r *http.Request, status int, errKey string) {
	base, err := a.page(r, "newsroom.front.title")
	if err != nil {
		a.pages.Fail(w, r, err)
		return
	}
	latest, err := a.articles.PublishedArticles(r.Context(), news.Filter{Now: base.Now}, news.Page{Number: 1, Size: 40})
	if err != nil {
		a.pages.Fail(w, r, err)
		return
	}
	page := frontCuration{Base: base, Front: base.Site.Front, Latest: latest.Articles, Done: r.URL.Query().Get("done") == "1",
		Featured: map[int64]bool{}}
	for _, id := range page.Front.Featured {
		page.Featured[id] = true
	}
	if errKey != "" {
		page.Error = a.cat.T(base.Lang, errKey)
	}
	a.pages.Render(w, r, status, "newsroom_front", page)
}

// saveFront saves the choice; every chosen article must be published.
func (a *Admin) saveFront(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 16<<10)
	if err := r.ParseForm(); err != nil {
		a.pages.ErrorPage(w, r, http.StatusBadRequest, "")
		return
	}
	var front news.FrontPage
	ids := []int64{}
	if v := r.PostForm.Get("lead"); v != "" && v != "0" {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			a.renderFront(w, r, http.StatusUnprocessableEntity, "front.error.article")
			return
		}
		front.Lead = id
		ids = append(ids, id)
	}
	for _, v := range r.PostForm["featured"] {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			a.renderFront(w, r, http.StatusUnprocessableEntity, "front.error.article")
			return
		}
		if id != front.Lead && !slices.Contains(front.Featured, id) {
			front.Featured = append(front.Featured, id)
			ids = append(ids, id)
		}
	}
	if len(front.Featured) > maxFeatured {
		a.renderFront(w, r, http.StatusUnprocessableEntity, "front.error.too_many")
		return
	}
	base, err := a.page(r, "newsroom.front.title")
	if err != nil {
		a.pages.Fail(w, r, err)
		return
	}
	for _, id := range ids {
		art, err := a.articles.ArticleByID(r.Context(), id)
		if err != nil || !art.Visible(base.Now) {
			a.renderFront(w, r, http.StatusUnprocessableEntity, "front.error.article")
			return
		}
	}
	set, err := a.settingsStore.Settings(r.Context())
	if err != nil {
		a.pages.Fail(w, r, err)
		return
	}
	set.Front = front
	if err := a.settingsStore.SaveSettings(r.Context(), set); err != nil {
		a.pages.Fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/newsroom/front?done=1", http.StatusSeeOther)
}
