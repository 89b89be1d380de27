package news

import (
	"net/mail"
	"net/url"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// CommentStatus is where a comment stands in moderation.
type CommentStatus string

// The moderation states. Only approved comments are shown to readers.
const (
	CommentPending  CommentStatus = "pending"
	CommentApproved CommentStatus = "approved"
	CommentSpam     CommentStatus = "spam"
	CommentTrash    CommentStatus = "trash"
)

// Valid reports whether s is a moderation state.
func (s CommentStatus) Valid() bool {
	switch s {
	case CommentPending, CommentApproved, CommentSpam, CommentTrash:
		return true
	}
	return false
}

// Comment is a reader's comment on an article. Email is kept for
// moderation only and never shown to readers.
type Comment struct {
	ID        int64
	ArticleID int64
	ParentID  int64 // 0 for a comment on the article itself
	Name      string
	Email     string
	URL       string
	Body      string
	Status    CommentStatus
	Reason    string // why an automatic check held it or marked it, for moderators
	IP        string
	UserAgent string
	Key       string // identifies a repeated submission of the same comment
	Created   time.Time
	Updated   time.Time
	Replies   []Comment // filled for display
}

// CommentLimits bound how many comments one address and one email may post
// since a time; zero means no limit.
type CommentLimits struct {
	PerIP, PerEmail int
	Since           time.Time
}

// CommentFilter selects comments; zero fields match all.
type CommentFilter struct {
	Status    CommentStatus
	ArticleID int64
	Limit     int
}

// Refusal is a comment that the automatic checks turned away without
// storing it, kept so that moderators can see what was refused and why.
type Refusal struct {
	ID        int64
	ArticleID int64
	Reason    string
	IP        string
	Created   time.Time
}

// Limits on comment fields, in characters.
const (
	MaxCommentName  = 100
	MaxCommentEmail = 254
	MaxCommentURL   = 200
)

// CommentInput is what a reader submits, before any check.
type CommentInput struct {
	Name  string
	Email string
	URL   string
	Body  string
}

// Clean checks a reader's input and normalizes it in place: it trims
// spaces, removes the bidi controls that could reorder the page around the
// text, and normalizes line breaks. It returns every problem found, so the
// form can show them all at once; a nil slice means the input is good.
func (in *CommentInput) Clean(maxBody int) []*FieldError {
	var errs []*FieldError
	fields := []struct {
		name      string
		value     *string
		multiline bool
	}{{"name", &in.Name, false}, {"email", &in.Email, false}, {"url", &in.URL, false}, {"comment", &in.Body, true}}
	for _, f := range fields {
		v, ok := cleanText(*f.value, f.multiline)
		if !ok {
			errs = append(errs, &FieldError{f.name, "comment.error.invalid_text"})
		}
		*f.value = v
	}
	if len(errs) > 0 {
		return errs
	}

	switch n := utf8.RuneCountInString(in.Name); {
	case n == 0:
		errs = append(errs, &FieldError{"name", "comment.error.name_required"})
	case n > MaxCommentName:
		errs = append(errs, &FieldError{"name", "comment.error.name_too_long"})
	}

	// Addresses differ only in case in practice; one spelling keeps the
	// per-email limit and the known-commenter check honest.
	in.Email = strings.ToLower(in.Email)
	switch {
	case in.Email == "":
		errs = append(errs, &FieldError{"email", "comment.error.email_required"})
	case !validEmail(in.Email):
		errs = append(errs, &FieldError{"email", "comment.error.email_invalid"})
	}

	if in.URL != "" {
		u, ok := cleanURL(in.URL)
		if !ok {
			errs = append(errs, &FieldError{"url", "comment.error.url_invalid"})
		} else {
			in.URL = u
		}
	}

	switch n := utf8.RuneCountInString(in.Body); {
	case strings.TrimSpace(in.Body) == "":
		errs = append(errs, &FieldError{"comment", "comment.error.body_required"})
	case n > maxBody:
		errs = append(errs, &FieldError{"comment", "comment.error.body_too_long"})
	}
	return errs
}

// isBidiControl reports the embedding, override and isolate controls
// (U+202A–U+202E, U+2066–U+2069): reader text carrying them could flip the
// page around it. The marks U+200E and U+200F only affect their own run and
// are kept, as Arabic typists use them.
func isBidiControl(r rune) bool {
	return (r >= 0x202A && r <= 0x202E) || (r >= 0x2066 && r <= 0x2069)
}

// cleanText trims s, removes bidi controls and normalizes line breaks. It
// reports false for invalid UTF-8, NUL and other control characters (tab
// and line breaks are allowed in multi-line text).
func cleanText(s string, multiline bool) (string, bool) {
	if !utf8.ValidString(s) {
		return "", false
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	var b strings.Builder
	for _, r := range s {
		switch {
		case isBidiControl(r):
			continue
		case r == '\n' || r == '\t':
			if !multiline {
				return "", false
			}
		case unicode.IsControl(r) || r == 0xFEFF || r == 0xFFFD:
			return "", false
		}
		b.WriteRune(r)
	}
	return strings.TrimSpace(b.String()), true
}

// validEmail accepts a bare address such as name@example.ma, nothing else:
// no display name, no comments, a dot in the domain.
func validEmail(s string) bool {
	if len(s) > MaxCommentEmail || strings.ContainsAny(s, " <>\"(),;") {
		return false
	}
	a, err := mail.ParseAddress(s)
	if err != nil || a.Address != s || a.Name != "" {
		return false
	}
	at := strings.LastIndexByte(s, '@')
	domain := s[at+1:]
	// An address literal ([127.0.0.1]) names a machine, not a mail domain.
	return at > 0 && !strings.ContainsAny(domain, "[]:") && strings.Contains(domain, ".") && !strings.HasPrefix(domain, ".") && !strings.HasSuffix(domain, ".")
}

// cleanURL accepts only absolute http and https addresses with a host.
// Everything else — javascript:, data:, vbscript:, however spelt — fails.
func cleanURL(s string) (string, bool) {
	if utf8.RuneCountInString(s) > MaxCommentURL || strings.ContainsAny(s, " \t\n\\") {
		return "", false
	}
	u, err := url.Parse(s)
	if err != nil || u.Host == "" || u.User != nil {
		return "", false
	}
	scheme := strings.ToLower(u.Scheme)
	if scheme != "http" && scheme != "https" {
		return "", false
	}
	u.Scheme = scheme
	return u.String(), true
}
