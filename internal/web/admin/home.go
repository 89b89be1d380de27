package admin

import (
	"net/http"

	"github.com/midad/midad/internal/news"
	"github.com/midad/midad/internal/web/view"
)

type homePage struct {
	view.Base
	User    news.User
	Pending []news.Comment
}

// home is the newsroom's first page: who is signed in and, for those who
// moderate, the comments waiting.
func (a *Admin) home(w http.ResponseWriter, r *http.Request) {
	u := currentUser(r)
	base, err := a.page(r, "newsroom.home.title")
	if err != nil {
		a.pages.Fail(w, r, err)
		return
	}
	page := homePage{Base: base, User: u}
	if u.Role.AtLeast(news.Editor) {
		if page.Pending, err = a.content.Comments(r.Context(), news.CommentFilter{Status: news.CommentPending, Limit: 50}); err != nil {
			a.pages.Fail(w, r, err)
			return
		}
	}
	a.pages.Render(w, r, http.StatusOK, "newsroom", page)
}
