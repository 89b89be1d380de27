// Package web assembles Midad's HTTP server: routes, middleware, health
// checks, and the Arabic answers to requests that never reach a page.
package web

import (
	"context"
	"log/slog"
	"net/http"
	"net/netip"
	"time"

	"github.com/midad/midad/internal/web/admin"
	"github.com/midad/midad/internal/web/pagecache"
	"github.com/midad/midad/internal/web/reqid"
	"github.com/midad/midad/internal/web/site"
)

// maxURI is the longest request target served; longer ones get 414.
// Searches may be longer: a pasted paragraph is searched, not refused.
const (
	maxURI       = 2048
	maxSearchURI = 28 << 10 // within MaxHeaderBytes, which counts the request line
)

// Pinger reports whether the database answers.
type Pinger interface {
	Ping(ctx context.Context) error
}

// Options are the server's dependencies.
type Options struct {
	Site  *site.Site
	Admin *admin.Admin // the newsroom; nil leaves it out
	Media http.Handler // uploaded images at /media/; nil leaves them out
	// TrustedProxies are the reverse proxies whose X-Forwarded-For names
	// the client.
	TrustedProxies []netip.Prefix
	// BaseURL is the site's public address; an https one turns on HSTS
	// and tells the cross-origin check the site's scheme.
	BaseURL string
	DB      Pinger
	Log     *slog.Logger
	// Cache keeps the pages every reader is given; nil serves each afresh.
	Cache *pagecache.Cache
	// Ready answers /readyz (ready.go); nil leaves only Draining to say.
	Ready Readier
	// Draining, once set, makes /readyz answer 503 (shutdown).
	Draining *Draining
	// MetricsFrom may read /metrics (metrics.go); nil is loopback only.
	MetricsFrom []netip.Prefix
	Metrics     MetricsSources
	// RequestTimeout bounds a request's database work (deadline.go);
	// zero is DefaultRequestTimeout.
	RequestTimeout time.Duration
}

// MaxHeaderBytes bounds a request's head, its request line included (Go
// reads 4 KiB more): 32 KiB holds a browser's headers and cookies many
// times over and a search for a pasted paragraph (maxSearchURI); beyond it
// the answer is 431. The server in cli/serve.go sets it.
const MaxHeaderBytes = 32 << 10

// Handler returns the whole site as one handler.
func Handler(o Options) http.Handler {
	mux := http.NewServeMux()
	o.Site.Routes(mux)
	if o.Admin != nil {
		o.Admin.Routes(mux)
	}
	if o.Media != nil {
		mux.Handle("GET /media/", o.Media)
		// Uploaded images used as ads are served where blockers look for ads.
		mux.Handle("GET /ads/media/", http.StripPrefix("/ads", o.Media))
	}
	mux.HandleFunc("GET /healthz", health(o.DB, o.Log))
	mux.HandleFunc("GET /readyz", ready(o.Ready, o.Draining, o.Log))
	if o.Metrics.Cache == nil {
		o.Metrics.Cache = o.Cache
	}
	met := newMetrics(o.Metrics, o.MetricsFrom)
	mux.HandleFunc("GET /metrics", met.handler(o.Site.NotFound))
	mux.Handle("/", fallback(mux, o.Site))

	// Every state-changing request must come from the site's own pages.
	csrf := http.NewCrossOriginProtection()
	deny := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		o.Log.InfoContext(r.Context(), "cross-origin request refused", "method", r.Method, "path", r.URL.Path,
			"origin", r.Header.Get("Origin"), "sec_fetch_site", r.Header.Get("Sec-Fetch-Site"))
		o.Site.ErrorPage(w, r, http.StatusForbidden, "")
	})
	csrf.SetDenyHandler(deny)

	var h http.Handler = mux
	h = csrf.Handler(h)
	h = sameScheme(h, deny, o.BaseURL, len(o.TrustedProxies) > 0)
	if o.Cache != nil {
		h = o.Cache.Handler(h)
	}
	h = deadline(h, o.RequestTimeout)
	h = limits(h, o.Site)
	h = securityHeaders(h, o.BaseURL)
	h = recoverer(h, o.Site, o.Log)
	h = met.count(h, mux)
	h = logRequests(h, o.Log)
	h = reqid.Middleware(h)
	h = forwardedFor(h, o.TrustedProxies)
	return h
}

// health answers 200 once the database answers.
func health(db Pinger, log *slog.Logger) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		if err := db.Ping(ctx); err != nil {
			log.ErrorContext(ctx, "health check", "err", err)
			w.WriteHeader(http.StatusServiceUnavailable)
			w.Write([]byte("database unavailable\n"))
			return
		}
		w.Write([]byte("ok\n"))
	}
}

// fallback answers what no route matched: 405 with Allow when the path
// exists for GET, otherwise the site's NotFound (an earlier address
// redirects, anything else is 404), as Arabic pages.
func fallback(mux *http.ServeMux, s *site.Site) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			probe := r.Clone(r.Context())
			probe.Method = http.MethodGet
			if _, pattern := mux.Handler(probe); pattern != "/" && pattern != "" {
				w.Header().Set("Allow", "GET, HEAD")
				s.ErrorPage(w, r, http.StatusMethodNotAllowed, "")
				return
			}
		}
		s.NotFound(w, r)
	}
}
