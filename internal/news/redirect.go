package news

import (
	"net/url"
	"strings"

	"golang.org/x/text/unicode/norm"
)

// RedirectKind names what an earlier address leads to now.
type RedirectKind string

// The things an address can lead to. RedirectPath leads to Redirect.Target,
// a path on the site itself.
const (
	RedirectArticle RedirectKind = "article"
	RedirectSection RedirectKind = "section"
	RedirectAuthor  RedirectKind = "author"
	RedirectTag     RedirectKind = "tag"
	RedirectPage    RedirectKind = "page"
	RedirectMedia   RedirectKind = "media"
	RedirectPath    RedirectKind = "path"
)

// Redirect is an earlier address (Path, a key made by RedirectKey) of
// something that lives elsewhere now. It names the thing, not its address:
// the answer is computed from the thing's current address, so a redirect
// never leads to another redirect.
type Redirect struct {
	Path     string
	Kind     RedirectKind
	TargetID int64
	Target   string // for RedirectPath (and media files): a site path
}

// RedirectKey turns a request's path and query into the key the redirect
// table stores, so that every spelling of one address finds it: the path
// percent-decoded (upper- or lower-case escapes alike), in Unicode NFC,
// without its trailing slash, and lower-cased where it is ASCII; of the
// query, only the parameters WordPress addresses by (p, page_id, cat, tag,
// author, attachment_id, m), sorted. "" when the path is not one.
func RedirectKey(path, rawQuery string) string {
	p, err := url.PathUnescape(path)
	if err != nil || !strings.HasPrefix(p, "/") || strings.ContainsAny(p, "\x00\r\n") {
		return ""
	}
	p = norm.NFC.String(p)
	for len(p) > 1 && strings.HasSuffix(p, "/") {
		p = p[:len(p)-1]
	}
	p = asciiLower(p)
	if rawQuery == "" {
		return p
	}
	q, err := url.ParseQuery(rawQuery)
	if err != nil {
		return p
	}
	var parts []string
	for _, k := range []string{"attachment_id", "author", "cat", "m", "p", "page_id", "tag"} {
		if v := q.Get(k); v != "" {
			parts = append(parts, k+"="+url.QueryEscape(asciiLower(v)))
		}
	}
	if len(parts) == 0 {
		return p
	}
	return p + "?" + strings.Join(parts, "&")
}

// asciiLower lower-cases ASCII letters only, leaving Arabic as it is.
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}
