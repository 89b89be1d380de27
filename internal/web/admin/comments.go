package admin

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strconv"

	"github.com/midad/midad/internal/discussion"
	"github.com/midad/midad/internal/news"
	"github.com/midad/midad/internal/web/view"
)

// Moderator is what the moderation screen needs of the comments service.
type Moderator interface {
	List(ctx context.Context, f news.CommentFilter) ([]news.Comment, error)
	Moderate(ctx context.Context, a discussion.Action, ids []int64) (int, error)
}

type commentsPage struct {
	view.Base
	Status   string
	Statuses []news.CommentStatus
	Comments []news.Comment
	Done     string
}

// moderationLimit is how many comments the screen lists at once.
const moderationLimit = 200

// comments lists comments in one moderation state, oldest first, with the
// reasons the automatic checks gave and the email, which moderators may see.
func (a *Admin) comments(w http.ResponseWriter, r *http.Request) {
	status := news.CommentStatus(r.URL.Query().Get("status"))
	if !status.Valid() {
		status = news.CommentPending
	}
	base, err := a.page(r, "newsroom.comments.title")
	if err != nil {
		a.pages.Fail(w, r, err)
		return
	}
	list, err := a.moderator.List(r.Context(), news.CommentFilter{Status: status, Limit: moderationLimit})
	if err != nil {
		a.pages.Fail(w, r, err)
		return
	}
	page := commentsPage{Base: base, Status: string(status), Comments: list,
		Statuses: []news.CommentStatus{news.CommentPending, news.CommentApproved, news.CommentSpam, news.CommentTrash}}
	if n := r.URL.Query().Get("done"); n != "" {
		page.Done = a.cat.T(base.Lang, "newsroom.comments.done") + " " + base.Dates.Number(atoi(n))
	}
	a.pages.Render(w, r, http.StatusOK, "newsroom_comments", page)
}

// moderate applies one action to the checked comments.
func (a *Admin) moderate(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	if err := r.ParseForm(); err != nil {
		a.pages.ErrorPage(w, r, http.StatusBadRequest, "")
		return
	}
	action := discussion.Action(r.PostForm.Get("action"))
	switch action {
	case discussion.Approve, discussion.Spam, discussion.Trash, discussion.Delete:
	default:
		a.pages.ErrorPage(w, r, http.StatusBadRequest, "")
		return
	}
	var ids []int64
	for _, v := range r.PostForm["id"] {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil || id < 1 {
			a.pages.ErrorPage(w, r, http.StatusBadRequest, "")
			return
		}
		ids = append(ids, id)
	}
	n := 0
	if len(ids) > 0 {
		var err error
		if n, err = a.moderator.Moderate(r.Context(), action, ids); err != nil && !errors.Is(err, news.ErrNotFound) {
			a.pages.Fail(w, r, err)
			return
		}
	}
	back := url.Values{"status": {r.PostForm.Get("status")}, "done": {strconv.Itoa(n)}}
	http.Redirect(w, r, "/newsroom/comments?"+back.Encode(), http.StatusSeeOther)
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}
