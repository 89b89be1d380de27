package web_test

import (
	"bufio"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/midad/midad/internal/i18n"
	"github.com/midad/midad/internal/store"
	"github.com/midad/midad/internal/web"
	"github.com/midad/midad/internal/web/site"
	"github.com/midad/midad/internal/web/view"
)

var sampleLine = regexp.MustCompile(`^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{.*\})? (\S+)$`)

// parseMetrics reads Prometheus's text format: every line a comment or
// a sample whose value is a number; it returns "name{labels}" → value.
func parseMetrics(t *testing.T, text string) map[string]float64 {
	t.Helper()
	out := map[string]float64{}
	sc := bufio.NewScanner(strings.NewReader(text))
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "# HELP ") || strings.HasPrefix(line, "# TYPE ") {
			continue
		}
		m := sampleLine.FindStringSubmatch(line)
		if m == nil {
			t.Fatalf("not a sample: %q", line)
		}
		v, err := strconv.ParseFloat(m[3], 64)
		if err != nil {
			t.Fatalf("value of %q: %v", line, err)
		}
		out[m[1]+m[2]] = v
	}
	return out
}

// TestMetrics: /metrics counts requests by route and status, times them
// in a histogram, and reports the database pools, the page cache and the
// Go runtime, in a format Prometheus reads.
func TestMetrics(t *testing.T) {
	s := newServer(t)
	s.get(t, "GET", "/")
	s.get(t, "GET", "/")
	s.get(t, "GET", "/no-such-page")
	s.get(t, "GET", seedPath)
	res, body := s.get(t, "GET", "/metrics")
	if res.StatusCode != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/plain; version=0.0.4") {
		t.Fatalf("metrics: %d %s", res.StatusCode, res.Header.Get("Content-Type"))
	}
	m := parseMetrics(t, body)
	var front, notFound, article float64
	for k, v := range m {
		if !strings.HasPrefix(k, "midad_http_requests_total{") {
			continue
		}
		switch {
		case strings.Contains(k, `route="GET /{$}"`) && strings.Contains(k, `status="200"`):
			front += v
		case strings.Contains(k, `route="other"`) && strings.Contains(k, `status="404"`):
			notFound += v
		case strings.Contains(k, `route="GET /article/`) && strings.Contains(k, `status="200"`):
			article += v
		}
	}
	if front != 2 || notFound != 1 || article != 1 {
		t.Errorf("requests: front page %v (want 2), unmatched 404 %v (want 1), article %v (want 1)\n%s", front, notFound, article, body)
	}
	if m[`midad_http_request_duration_seconds_bucket{route="GET /{$}",le="+Inf"}`] != 2 ||
		m[`midad_http_request_duration_seconds_count{route="GET /{$}"}`] != 2 {
		t.Error("the front page's histogram does not count its two requests")
	}
	if m[`midad_page_cache_hits_total`] < 1 {
		t.Error("the second front page was no page cache hit")
	}
	if m[`midad_db_connections_max{pool="write"}`] != 1 {
		t.Errorf("write pool max %v, want SQLite's 1", m[`midad_db_connections_max{pool="write"}`])
	}
	if m["go_goroutines"] < 1 || m["go_memstats_heap_alloc_bytes"] <= 0 {
		t.Error("no Go runtime figures")
	}
}

// TestMetricsFrom: an address outside --metrics-from gets the site's 404.
func TestMetricsFrom(t *testing.T) {
	st, err := store.Open(context.Background(), "sqlite:"+t.TempDir()+"/midad.db")
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	cat := i18n.NewCatalog()
	v, err := view.New(cat)
	if err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.DiscardHandler)
	s := site.New(site.Options{Content: st, View: v, Catalog: cat, Addresses: st, Log: log, Sitemaps: st})
	ts := httptest.NewServer(web.Handler(web.Options{Site: s, DB: st, Log: log,
		MetricsFrom: []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8")}}))
	defer ts.Close()
	res, err := http.Get(ts.URL + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	if res.StatusCode != 404 || strings.Contains(string(b), "midad_http") {
		t.Fatalf("metrics from loopback outside metrics-from: %d", res.StatusCode)
	}
	arabicPage(t, string(b))
}
