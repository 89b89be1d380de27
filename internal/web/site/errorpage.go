package site

import (
	"bytes"
	"context"
	"net/http"
	"strconv"

	"github.com/midad/midad/internal/news"
	"github.com/midad/midad/internal/web/view"
)

type errorPage struct {
	view.Base
	Code    int
	Heading string
	Text    string
	ErrorID string
}

// errorKeys maps a status to the translation keys of its title and text.
var errorKeys = map[int]string{
	http.StatusBadRequest:                  "error.bad_request",
	http.StatusForbidden:                   "error.cross_site",
	http.StatusNotFound:                    "error.not_found",
	http.StatusMethodNotAllowed:            "error.method",
	http.StatusGone:                        "error.gone",
	http.StatusRequestURITooLong:           "error.uri_too_long",
	http.StatusRequestHeaderFieldsTooLarge: "error.too_large",
	http.StatusRequestEntityTooLarge:       "error.too_large",
	http.StatusInternalServerError:         "error.internal",
	http.StatusServiceUnavailable:          "error.unavailable",
}

// ErrorPage writes the Arabic page for an HTTP error status. It never fails:
// if the database is what broke, the page is drawn with the default settings.
func (s *Site) ErrorPage(w http.ResponseWriter, r *http.Request, status int, errorID string) {
	ctx := r.Context()
	if status == http.StatusServiceUnavailable {
		ctx = nil // the database is what is out of reach: do not wait for it again
	}
	body := s.errorBody(ctx, status, errorID)
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Del("Content-Length")
	w.WriteHeader(status)
	w.Write(body)
}

// StaticErrorPage renders an error page without touching the database, for
// answers given before a request reaches a handler.
func (s *Site) StaticErrorPage(status int) []byte {
	return s.errorBody(nil, status, "")
}

func (s *Site) errorBody(ctx context.Context, status int, errorID string) []byte {
	var base view.Base
	var err error
	if ctx != nil {
		base, err = s.base(ctx, "")
	}
	if ctx == nil || err != nil {
		set := news.DefaultSettings()
		set.Ads = nil
		base = view.Base{Lang: set.Lang, Dir: "rtl", Site: set, Dates: dates(set), Now: s.now(), Icons: view.NewIcons(set)}
	}
	key, ok := errorKeys[status]
	if !ok {
		key = "error.bad_request"
		if status >= 500 {
			key = "error.internal"
		}
	}
	base.Title = s.cat.T(base.Lang, key+".title")
	base.NoIndex = true
	// Error pages keep the strict policy: no analytics scripts.
	base.Site.Analytics = nil
	page := errorPage{
		Base:    base,
		Code:    status,
		Heading: base.Title,
		Text:    s.cat.T(base.Lang, key+".text"),
		ErrorID: errorID,
	}
	var buf bytes.Buffer
	if err := s.view.Render(&buf, "error", page); err != nil {
		// The error template itself failed: a bare page still says it in Arabic.
		s.log.Error("render error page", "status", status, "err", err)
		return []byte(`<!doctype html><html lang="ar" dir="rtl"><meta charset="utf-8"><title>خطأ</title><p>حدث خطأ (` +
			strconv.Itoa(status) + `). ` + errorID + `</p></html>`)
	}
	return buf.Bytes()
}

// NotFound is the one place where a reader's request for nothing becomes
// 404: an address that once led somewhere (in the redirect table) answers
// 301 to where that thing lives now instead. Pages, unknown paths and
// handlers mounted beside the site (uploaded files) all end here.
func (s *Site) NotFound(w http.ResponseWriter, r *http.Request) {
	if s.redirect(w, r) {
		return
	}
	s.ErrorPage(w, r, http.StatusNotFound, "")
}
