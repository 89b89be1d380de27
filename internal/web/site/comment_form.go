package site

import (
	"errors"
	"net/http"
	"net/netip"
	"strconv"

	"github.com/midad/midad/internal/discussion"
	"github.com/midad/midad/internal/news"
)

// maxCommentBody caps a comment post's body; past it the answer is 413.
// The longest comment allowed, percent-encoded (up to 18 bytes a
// character), fits with room for the other fields.
func maxCommentBody(maxLength int) int64 {
	return max(64<<10, int64(maxLength)*18+16<<10)
}

// commentForm is the comment form's state: what the reader typed, kept
// when the form comes back with errors, and the messages for each field.
type commentForm struct {
	Action  string
	Token   string
	Parent  int64
	ReplyTo string // the name of the comment being answered
	Name    string
	Email   string
	URL     string
	Body    string
	Message string            // what went wrong as a whole
	Errors  map[string]string // field → message
}

// Invalid reports whether a field has an error, for aria-invalid.
func (f commentForm) Invalid(field string) bool { return f.Errors[field] != "" }

// errTooLarge marks a comment post over its size cap.
var errTooLarge = errors.New("request body too large")

// parseCommentForm reads a comment post into a submission. It fails only
// when the body cannot be read at all (too large, malformed); what the
// fields hold is checked by the discussion service.
func parseCommentForm(w http.ResponseWriter, r *http.Request, maxLength int) (discussion.Submission, error) {
	r.Body = http.MaxBytesReader(w, r.Body, maxCommentBody(maxLength))
	if err := r.ParseForm(); err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			return discussion.Submission{}, errTooLarge
		}
		return discussion.Submission{}, errBadRequest
	}
	f := r.PostForm
	sub := discussion.Submission{
		Input: news.CommentInput{
			Name:  f.Get("name"),
			Email: f.Get("email"),
			URL:   f.Get("url"),
			Body:  f.Get("comment"),
		},
		Honeypot:  f.Get("homepage"),
		Token:     f.Get("token"),
		IP:        ClientIP(r),
		UserAgent: r.UserAgent(),
	}
	if p := f.Get("parent"); p != "" && p != "0" {
		id, err := strconv.ParseInt(p, 10, 64)
		if err != nil || id < 1 {
			return sub, discussion.ErrBadParent
		}
		sub.ParentID = id
	}
	return sub, nil
}

// ClientIP is the address the request came from, as rate limits and
// sign-in throttling count it: an IPv6 address by its /64, since one
// subscriber holds the whole block. Midad does not trust X-Forwarded-For
// yet; behind a proxy every reader shares its address.
func ClientIP(r *http.Request) string {
	ap, err := netip.ParseAddrPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	addr := ap.Addr().Unmap()
	if addr.Is6() {
		p, _ := addr.Prefix(64)
		return p.String()
	}
	return addr.String()
}
