// Package discussion runs readers' comments: it checks a submission,
// decides whether it is published, held or spam, stores it once, and
// carries out moderators' decisions.
package discussion

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"time"

	"github.com/midad/midad/internal/news"
)

// Store is what comments need from storage.
type Store interface {
	Settings(ctx context.Context) (news.Settings, error)
	Comment(ctx context.Context, id int64) (news.Comment, error)
	Comments(ctx context.Context, f news.CommentFilter) ([]news.Comment, error)
	HasApprovedComment(ctx context.Context, email string) (bool, error)
	AddComment(ctx context.Context, c *news.Comment, lim news.CommentLimits) (duplicate bool, err error)
	RecordRefusal(ctx context.Context, r news.Refusal) error
	SetCommentStatus(ctx context.Context, ids []int64, status news.CommentStatus) (int, error)
	DeleteComments(ctx context.Context, ids []int64) (int, error)
	UpdateComment(ctx context.Context, c news.Comment) error
	Secret(ctx context.Context, name string, gen func() []byte) ([]byte, error)
}

// Errors a submission can end with; the web layer turns each into a page.
var (
	// ErrClosed: the article takes no more comments.
	ErrClosed = errors.New("comments closed")
	// ErrExpired: the form's token is too old, or not one we issued.
	ErrExpired = errors.New("form expired")
	// ErrBadParent: the reply is to a comment that is not shown.
	ErrBadParent = errors.New("no such comment to reply to")
)

// InputError lists what is wrong with the reader's fields.
type InputError struct {
	Fields []*news.FieldError
}

func (e *InputError) Error() string {
	keys := make([]string, len(e.Fields))
	for i, f := range e.Fields {
		keys[i] = f.Field + ":" + f.Key
	}
	return "invalid comment: " + strings.Join(keys, ", ")
}

// Service is the comments' business logic.
type Service struct {
	store Store
	log   *slog.Logger
	now   func() time.Time

	keyMu sync.Mutex
	key   []byte

	refusedMu sync.Mutex
	refusedAt map[string]time.Time // address → last refusal written
}

// refusalEvery is how often one address's refusals are written down: a
// flood of forged posts costs one row a minute, not one write each.
const refusalEvery = time.Minute

// New returns the service; now may be nil for time.Now.
func New(st Store, log *slog.Logger, now func() time.Time) *Service {
	if now == nil {
		now = time.Now
	}
	return &Service{store: st, log: log, now: now}
}

// tokenKey is the HMAC key of form tokens, shared by every node through the
// database. It is kept once read; a failed read is tried again next time.
func (s *Service) tokenKey(ctx context.Context) ([]byte, error) {
	s.keyMu.Lock()
	defer s.keyMu.Unlock()
	if s.key != nil {
		return s.key, nil
	}
	key, err := s.store.Secret(ctx, "comment-token", func() []byte {
		b := make([]byte, 32)
		rand.Read(b)
		return b
	})
	if err != nil {
		return nil, err
	}
	s.key = key
	return key, nil
}

// Submission is one post of the comment form.
type Submission struct {
	Article   news.Article
	ParentID  int64
	Input     news.CommentInput
	Honeypot  string // a field people do not see; bots fill it
	Token     string // issued with the form; tells how long the reader took
	IP        string
	UserAgent string
}

// Outcome is what became of a submission that was accepted.
type Outcome struct {
	Comment   news.Comment
	Duplicate bool // the same comment was posted before; nothing new stored
}

// Closed reports whether an article takes no more comments at now.
func Closed(a news.Article, set news.CommentSettings, now time.Time) bool {
	if a.CommentsClosed {
		return true
	}
	return set.CloseAfterDays > 0 && now.Sub(a.Published) > time.Duration(set.CloseAfterDays)*24*time.Hour
}

// Submit checks a submission and stores it with the status the checks
// decide. Bad input, a closed article, an expired form and a rate limit are
// errors and store nothing; spam is stored as spam, with its reason, for
// moderators to review.
func (s *Service) Submit(ctx context.Context, sub Submission) (Outcome, error) {
	set, err := s.store.Settings(ctx)
	if err != nil {
		return Outcome{}, err
	}
	cs := set.Comments
	now := s.now()
	if Closed(sub.Article, cs, now) {
		return Outcome{}, ErrClosed
	}
	in := sub.Input
	if errs := in.Clean(cs.MaxLength); errs != nil {
		return Outcome{}, &InputError{Fields: errs}
	}

	parent := sub.ParentID
	if parent != 0 {
		p, err := s.store.Comment(ctx, parent)
		if errors.Is(err, news.ErrNotFound) || (err == nil && (p.ArticleID != sub.Article.ID || p.Status != news.CommentApproved)) {
			return Outcome{}, ErrBadParent
		}
		if err != nil {
			return Outcome{}, err
		}
		// Threads are one level deep: a reply to a reply joins its thread.
		if p.ParentID != 0 {
			parent = p.ParentID
		}
	}

	key, err := s.tokenKey(ctx)
	if err != nil {
		return Outcome{}, err
	}
	age, ok := checkToken(key, sub.Token, sub.Article.ID, now)
	if !ok || age > time.Duration(cs.MaxAgeHours)*time.Hour {
		s.refuse(ctx, sub, "expired_form")
		return Outcome{}, ErrExpired
	}

	c := news.Comment{
		ArticleID: sub.Article.ID,
		ParentID:  parent,
		Name:      in.Name,
		Email:     in.Email,
		URL:       in.URL,
		Body:      in.Body,
		IP:        sub.IP,
		UserAgent: truncate(sub.UserAgent, 300),
		Key:       dedupKey(sub, parent, in),
		Created:   now,
	}
	c.Status, c.Reason = judge(cs, sub.Honeypot, age, in)
	if c.Status == news.CommentPending && c.Reason == "" && cs.AutoApproveKnown {
		known, err := s.store.HasApprovedComment(ctx, in.Email)
		if err != nil {
			return Outcome{}, err
		}
		if known {
			c.Status, c.Reason = news.CommentApproved, "known_commenter"
		}
	}

	window := time.Duration(cs.WindowMinutes) * time.Minute
	dup, err := s.store.AddComment(ctx, &c, news.CommentLimits{PerIP: cs.PerIP, PerEmail: cs.PerEmail, Since: now.Add(-window)})
	if errors.Is(err, news.ErrRateLimited) {
		s.refuse(ctx, sub, "rate_limit")
		return Outcome{}, err
	}
	if err != nil {
		return Outcome{}, err
	}
	s.log.InfoContext(ctx, "comment", "id", c.ID, "article", c.ArticleID, "status", c.Status,
		"reason", c.Reason, "duplicate", dup, "ip", sub.IP)
	return Outcome{Comment: c, Duplicate: dup}, nil
}

// refuse records an automatic refusal, at most one per address a minute;
// a failure to record it is logged, not returned, since the reader's answer
// does not depend on it.
func (s *Service) refuse(ctx context.Context, sub Submission, reason string) {
	s.log.InfoContext(ctx, "comment refused", "article", sub.Article.ID, "reason", reason, "ip", sub.IP)
	now := s.now()
	s.refusedMu.Lock()
	if s.refusedAt == nil || len(s.refusedAt) > 10000 {
		s.refusedAt = map[string]time.Time{}
	}
	last, seen := s.refusedAt[sub.IP]
	if seen && now.Sub(last) < refusalEvery {
		s.refusedMu.Unlock()
		return
	}
	s.refusedAt[sub.IP] = now
	s.refusedMu.Unlock()
	if err := s.store.RecordRefusal(ctx, news.Refusal{ArticleID: sub.Article.ID, Reason: reason, IP: sub.IP}); err != nil {
		s.log.ErrorContext(ctx, "record comment refusal", "err", err)
	}
}

// dedupKey identifies a submission so that a retry, a double click or the
// same post from a reloaded page stores one comment. It covers the address
// as well as the content: only the client that posted a comment can hit its
// key, so the answer to a repeat (the stored comment's state) tells nobody
// elsewhere whether an email wrote it.
func dedupKey(sub Submission, parentID int64, in news.CommentInput) string {
	h := sha256.New()
	fmt.Fprintf(h, "%d\x00%d\x00%s\x00%s\x00%s\x00%s", sub.Article.ID, parentID, sub.IP, in.Email, in.Name, in.Body)
	return hex.EncodeToString(h.Sum(nil))
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n])
}
