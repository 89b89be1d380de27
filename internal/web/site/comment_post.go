package site

import (
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/midad/midad/internal/discussion"
	"github.com/midad/midad/internal/news"
	"github.com/midad/midad/internal/web/view"
)

// postComment takes a reader's comment. Without JavaScript it answers with
// a redirect back to the article and a message (303), or with the article
// page and the form, fields kept, when something is wrong. A client that
// asks for JSON gets JSON.
func (s *Site) postComment(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	a, err := s.visibleArticle(ctx, r.PathValue("slug"))
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	set, err := s.content.Settings(ctx)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	lang := set.Lang
	sub, err := parseCommentForm(w, r, set.Comments.MaxLength)
	if errors.Is(err, errTooLarge) {
		s.ErrorPage(w, r, http.StatusRequestEntityTooLarge, "")
		return
	}
	if errors.Is(err, errBadRequest) {
		s.Fail(w, r, err)
		return
	}
	form := commentForm{
		Parent: sub.ParentID,
		Name:   sub.Input.Name, Email: sub.Input.Email, URL: sub.Input.URL, Body: sub.Input.Body,
	}
	if err == nil {
		sub.Article = a
		var out discussion.Outcome
		out, err = s.comments.Submit(ctx, sub)
		if err == nil {
			s.commentAccepted(w, r, a, out.Comment, lang)
			return
		}
	}

	status := http.StatusUnprocessableEntity
	var inputErr *discussion.InputError
	switch {
	case errors.As(err, &inputErr):
		form.Errors = map[string]string{}
		for _, f := range inputErr.Fields {
			if _, seen := form.Errors[f.Field]; !seen {
				form.Errors[f.Field] = s.cat.T(lang, f.Key)
			}
		}
		form.Message = s.cat.T(lang, "comment.error.summary")
	case errors.Is(err, discussion.ErrExpired):
		status = http.StatusBadRequest
		form.Message = s.cat.T(lang, "comment.error.expired")
	case errors.Is(err, discussion.ErrClosed):
		status = http.StatusForbidden
		form.Message = s.cat.T(lang, "comment.closed")
	case errors.Is(err, discussion.ErrBadParent):
		form.Message = s.cat.T(lang, "comment.error.bad_parent")
		form.Parent = 0
	case errors.Is(err, news.ErrRateLimited):
		status = http.StatusTooManyRequests
		w.Header().Set("Retry-After", strconv.Itoa(set.Comments.WindowMinutes*60))
		form.Message = s.cat.T(lang, "comment.error.rate_limited")
	default:
		s.Fail(w, r, err)
		return
	}

	if wantsJSON(r) {
		writeJSON(w, status, map[string]any{"error": form.Message, "fields": form.Errors})
		return
	}
	page, err := s.articlePage(r, a, form)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	page.NoIndex = true
	w.Header().Set("Cache-Control", "no-store")
	s.Render(w, r, status, "article", page)
}

// commentAccepted answers an accepted comment. Spam is answered like a
// held comment, so that a bot learns nothing.
func (s *Site) commentAccepted(w http.ResponseWriter, r *http.Request, a news.Article, c news.Comment, lang string) {
	state, anchor := "held", "#comments"
	if c.Status == news.CommentApproved {
		state, anchor = "published", "#comment-"+strconv.FormatInt(c.ID, 10)
	}
	if wantsJSON(r) {
		writeJSON(w, http.StatusCreated, map[string]any{
			"id": c.ID, "state": state, "message": s.cat.T(lang, "comment."+state),
		})
		return
	}
	http.Redirect(w, r, view.ArticlePath(a)+"?comment="+state+anchor, http.StatusSeeOther)
}

func wantsJSON(r *http.Request) bool {
	return strings.Contains(r.Header.Get("Accept"), "application/json")
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}
