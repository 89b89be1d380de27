package discussion

import (
	"context"
	"fmt"

	"github.com/midad/midad/internal/news"
)

// Action is a moderator's decision on comments.
type Action string

// The moderation actions.
const (
	Approve Action = "approve"
	Spam    Action = "spam"
	Trash   Action = "trash"
	Delete  Action = "delete" // for good
)

// Moderate applies an action to comments and returns how many it changed.
func (s *Service) Moderate(ctx context.Context, a Action, ids []int64) (int, error) {
	var n int
	var err error
	switch a {
	case Approve:
		n, err = s.store.SetCommentStatus(ctx, ids, news.CommentApproved)
	case Spam:
		n, err = s.store.SetCommentStatus(ctx, ids, news.CommentSpam)
	case Trash:
		n, err = s.store.SetCommentStatus(ctx, ids, news.CommentTrash)
	case Delete:
		n, err = s.store.DeleteComments(ctx, ids)
	default:
		return 0, fmt.Errorf("unknown moderation action %q", a)
	}
	if err != nil {
		return 0, err
	}
	s.log.InfoContext(ctx, "comments moderated", "action", a, "ids", ids, "changed", n)
	return n, nil
}

// Edit changes a comment's name, website and text, with the same checks as
// a reader's submission. The email stays as the reader gave it.
func (s *Service) Edit(ctx context.Context, id int64, name, url, body string) error {
	c, err := s.store.Comment(ctx, id)
	if err != nil {
		return err
	}
	set, err := s.store.Settings(ctx)
	if err != nil {
		return err
	}
	in := news.CommentInput{Name: name, Email: c.Email, URL: url, Body: body}
	if errs := in.Clean(set.Comments.MaxLength); errs != nil {
		return &InputError{Fields: errs}
	}
	c.Name, c.URL, c.Body = in.Name, in.URL, in.Body
	return s.store.UpdateComment(ctx, c)
}

// List returns comments for moderators.
func (s *Service) List(ctx context.Context, f news.CommentFilter) ([]news.Comment, error) {
	return s.store.Comments(ctx, f)
}

// Thread returns an article's approved comments as threads: comments on
// the article, oldest first, each with its replies.
func (s *Service) Thread(ctx context.Context, articleID int64) (threads []news.Comment, count int, err error) {
	all, err := s.store.Comments(ctx, news.CommentFilter{ArticleID: articleID, Status: news.CommentApproved})
	if err != nil {
		return nil, 0, err
	}
	index := map[int64]int{}
	for _, c := range all {
		if c.ParentID == 0 {
			index[c.ID] = len(threads)
			threads = append(threads, c)
		}
	}
	for _, c := range all {
		if c.ParentID == 0 {
			continue
		}
		if i, ok := index[c.ParentID]; ok {
			threads[i].Replies = append(threads[i].Replies, c)
			count++
		}
	}
	return threads, count + len(threads), nil
}
