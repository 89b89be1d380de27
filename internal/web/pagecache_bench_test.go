package web_test

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"
)

// BenchmarkPages serves the reader pages through the whole handler, from
// the page cache and, with the cache bypassed by a session cookie, as
// rendered afresh. For profiles:
//
//	go test -run '^$' -bench Pages -cpuprofile cpu.out ./internal/web/
func BenchmarkPages(b *testing.B) {
	s := newServer(b)
	h := s.Config.Handler
	for _, p := range []struct{ name, path string }{
		{"article", seedPath}, {"front", "/"}, {"section", "/section/first"},
		{"search", "/search?q=" + url.QueryEscape("المغرب")},
	} {
		for _, mode := range []string{"cached", "rendered"} {
			b.Run(p.name+"/"+mode, func(b *testing.B) {
				req := httptest.NewRequest("GET", p.path, nil)
				if mode == "rendered" {
					req.AddCookie(&http.Cookie{Name: "midad_session", Value: "reader"})
				}
				b.ReportAllocs()
				for b.Loop() {
					w := httptest.NewRecorder()
					h.ServeHTTP(w, req)
					if w.Code != 200 {
						b.Fatalf("%s: %d", p.path, w.Code)
					}
				}
			})
		}
	}
}
