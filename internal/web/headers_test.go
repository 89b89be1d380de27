package web

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestHSTSAndCSP(t *testing.T) {
	ok := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {})
	for _, tc := range []struct {
		name, baseURL, target string
		hsts                  bool
	}{
		{"plain http", "", "http://example.ma/", false},
		{"over TLS", "", "https://example.ma/", true},
		{"https base URL behind a proxy", "https://example.ma", "http://example.ma/", true},
	} {
		w := httptest.NewRecorder()
		securityHeaders(ok, tc.baseURL).ServeHTTP(w, httptest.NewRequest("GET", tc.target, nil))
		if got := w.Header().Get("Strict-Transport-Security"); (got != "") != tc.hsts || tc.hsts && !strings.Contains(got, "max-age=31536000") {
			t.Errorf("%s: Strict-Transport-Security %q", tc.name, got)
		}
		if csp := w.Header().Get("Content-Security-Policy"); !strings.Contains(csp, "base-uri 'none'") {
			t.Errorf("%s: CSP %q lacks base-uri 'none'", tc.name, csp)
		}
	}
}

// TestCrossOriginComparesScheme: without Sec-Fetch-Site, an Origin that
// differs from the site only by its scheme is another origin.
func TestCrossOriginComparesScheme(t *testing.T) {
	ok := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {})
	deny := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusForbidden) })
	for _, tc := range []struct {
		name, baseURL, target, origin string
		proxied                       bool
		want                          int
	}{
		{"https origin to an http site", "", "http://example.ma/x", "https://example.ma", false, 403},
		{"http origin to an https site", "https://example.ma", "http://example.ma/x", "http://example.ma", false, 403},
		{"http origin to TLS", "", "https://example.ma/x", "http://example.ma", false, 403},
		{"same scheme", "", "http://example.ma/x", "http://example.ma", false, 200},
		{"same scheme over TLS", "", "https://example.ma/x", "https://example.ma", false, 200},
		{"https base URL", "https://example.ma", "http://example.ma/x", "https://example.ma", false, 200},
		{"behind a proxy, scheme unknown", "", "http://example.ma/x", "https://example.ma", true, 200},
		{"no origin", "", "http://example.ma/x", "", false, 200},
	} {
		r := httptest.NewRequest("POST", tc.target, nil)
		if tc.origin != "" {
			r.Header.Set("Origin", tc.origin)
		}
		w := httptest.NewRecorder()
		sameScheme(ok, deny, tc.baseURL, tc.proxied).ServeHTTP(w, r)
		if w.Code != tc.want {
			t.Errorf("%s: %d, want %d", tc.name, w.Code, tc.want)
		}
	}
}
