package web

import (
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"runtime/debug"
	"strings"
	"time"

	"github.com/midad/midad/internal/web/site"
	"github.com/midad/midad/internal/web/view"
)

// limits refuses request targets that are too long or whose query does not
// parse, with an Arabic page rather than a guess.
func limits(next http.Handler, s *site.Site) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		limit := maxURI
		if r.URL.Path == "/search" {
			limit = maxSearchURI
		}
		if len(r.RequestURI) > limit {
			s.ErrorPage(w, r, http.StatusRequestURITooLong, "")
			return
		}
		// Browsers send forms and uploads with a Content-Length. A chunked
		// body is refused, and so is one framed both ways (Go drops the
		// Content-Length before we see it), the shape of request
		// smuggling; the connection is closed so that nothing after it is
		// read as a request.
		if len(r.TransferEncoding) > 0 {
			w.Header().Set("Connection", "close")
			s.ErrorPage(w, r, http.StatusLengthRequired, "")
			return
		}
		if _, err := url.ParseQuery(r.URL.RawQuery); err != nil {
			s.ErrorPage(w, r, http.StatusBadRequest, "")
			return
		}
		next.ServeHTTP(w, r)
	})
}

// securityHeaders sets the headers every answer carries. Reader pages load
// only their own scripts, styles and images. A site served over HTTPS (TLS
// here, or an https base URL behind a proxy) tells browsers to keep to it
// for a year (HSTS; without includeSubDomains, which is the paper's call).
func securityHeaders(next http.Handler, baseURL string) http.Handler {
	https := strings.HasPrefix(baseURL, "https://")
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		if https || r.TLS != nil {
			h.Set("Strict-Transport-Security", "max-age=31536000")
		}
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "strict-origin-when-cross-origin")
		h.Set("X-Frame-Options", "SAMEORIGIN")
		h.Set("Content-Security-Policy", view.ContentSecurityPolicy(nil))
		next.ServeHTTP(w, r)
	})
}

// sameScheme refuses a state-changing request whose Origin has another
// scheme than the site's, which http.CrossOriginProtection does not check
// when Sec-Fetch-Site is absent (it compares hosts only). The site's scheme
// is its base URL's, else https over TLS, else http, unless requests come
// through proxies (which may end TLS) and no base URL says: then it is
// unknown and not checked.
func sameScheme(next, deny http.Handler, baseURL string, proxied bool) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		origin := r.Header.Get("Origin")
		switch r.Method {
		case "GET", "HEAD", "OPTIONS":
			next.ServeHTTP(w, r)
			return
		}
		if origin == "" || origin == "null" || r.Header.Get("Sec-Fetch-Site") != "" {
			next.ServeHTTP(w, r)
			return
		}
		var scheme string
		switch {
		case strings.HasPrefix(baseURL, "https://"):
			scheme = "https"
		case strings.HasPrefix(baseURL, "http://"):
			scheme = "http"
		case r.TLS != nil:
			scheme = "https"
		case !proxied:
			scheme = "http"
		}
		if scheme != "" && !strings.HasPrefix(strings.ToLower(origin), scheme+"://") {
			deny.ServeHTTP(w, r)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// recoverer turns a panic into the Arabic error page with an id that is
// logged with the stack, so the reader never sees a trace.
func recoverer(next http.Handler, s *site.Site, log *slog.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			v := recover()
			if v == nil || v == http.ErrAbortHandler {
				if v != nil {
					panic(v)
				}
				return
			}
			id := site.ErrorID(r)
			log.ErrorContext(r.Context(), "panic", "error_id", id, "method", r.Method, "path", r.URL.Path,
				"err", fmt.Sprint(v), "stack", string(debug.Stack()))
			s.ErrorPage(w, r, http.StatusInternalServerError, id)
		}()
		next.ServeHTTP(w, r)
	})
}

type statusRecorder struct {
	http.ResponseWriter
	status int
	bytes  int
}

func (s *statusRecorder) WriteHeader(code int) {
	if s.status == 0 {
		s.status = code
	}
	s.ResponseWriter.WriteHeader(code)
}

func (s *statusRecorder) Write(b []byte) (int, error) {
	if s.status == 0 {
		s.status = http.StatusOK
	}
	n, err := s.ResponseWriter.Write(b)
	s.bytes += n
	return n, err
}

func (s *statusRecorder) Unwrap() http.ResponseWriter { return s.ResponseWriter }

// logRequests writes one structured line per request.
func logRequests(next http.Handler, log *slog.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w}
		next.ServeHTTP(rec, r)
		level := slog.LevelDebug
		if rec.status >= 500 {
			level = slog.LevelWarn
		}
		log.Log(r.Context(), level, "request", "method", r.Method, "path", r.URL.Path,
			"status", rec.status, "bytes", rec.bytes, "duration", time.Since(start))
	})
}
