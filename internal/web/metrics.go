package web

import (
	"database/sql"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/netip"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/midad/midad/internal/web/pagecache"
)

// MetricsSources are what /metrics reads besides the requests it counts;
// any may be nil.
type MetricsSources struct {
	Pools     func() map[string]sql.DBStats // store.PoolStats
	Scheduler func() (runs, failures uint64)
	Cache     *pagecache.Cache
}

// latencyBuckets are the request duration histogram's upper bounds, in
// seconds.
var latencyBuckets = []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30}

type requestKey struct {
	route, method string
	status        int
}

type histogram struct {
	counts []uint64 // per bucket, not cumulative; the last is +Inf
	sum    float64
	n      uint64
}

// metrics counts requests by route pattern and status, and their
// durations, and writes them with the sources' figures in Prometheus's
// text exposition format (version 0.0.4).
type metrics struct {
	src   MetricsSources
	allow []netip.Prefix

	mu       sync.Mutex
	requests map[requestKey]uint64
	latency  map[string]*histogram // by route
}

func newMetrics(src MetricsSources, allow []netip.Prefix) *metrics {
	if allow == nil {
		allow = []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8"), netip.MustParsePrefix("::1/128")}
	}
	return &metrics{src: src, allow: allow, requests: map[requestKey]uint64{}, latency: map[string]*histogram{}}
}

// count wraps the handler, recording each request under the pattern of
// the route mux gives it, so that the labels stay few ("other" for what
// no route matched).
func (m *metrics) count(next http.Handler, mux *http.ServeMux) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w}
		next.ServeHTTP(rec, r)
		_, route := mux.Handler(r)
		if route == "" || route == "/" {
			route = "other"
		}
		status := rec.status
		if status == 0 {
			status = http.StatusOK
		}
		m.observe(route, r.Method, status, time.Since(start).Seconds())
	})
}

func (m *metrics) observe(route, method string, status int, seconds float64) {
	switch method {
	case "GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS":
	default:
		method = "other"
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.requests[requestKey{route, method, status}]++
	h := m.latency[route]
	if h == nil {
		h = &histogram{counts: make([]uint64, len(latencyBuckets)+1)}
		m.latency[route] = h
	}
	i := sort.SearchFloat64s(latencyBuckets, seconds)
	h.counts[i]++
	h.sum += seconds
	h.n++
}

// allowed reports whether the client (after X-Forwarded-For from trusted
// proxies, see forwardedFor) may read the metrics.
func (m *metrics) allowed(r *http.Request) bool {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	a, err := netip.ParseAddr(host)
	if err != nil {
		return false
	}
	a = a.Unmap()
	for _, p := range m.allow {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

// handler serves /metrics to allowed addresses; others are given notFound,
// as if there were nothing here.
func (m *metrics) handler(notFound http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if !m.allowed(r) {
			notFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		m.write(w)
	}
}

func (m *metrics) write(w io.Writer) {
	var b strings.Builder
	head := func(name, typ, help string) {
		fmt.Fprintf(&b, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, typ)
	}
	m.mu.Lock()
	keys := make([]requestKey, 0, len(m.requests))
	for k := range m.requests {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b requestKey) int {
		return strings.Compare(fmt.Sprint(a.route, a.method, a.status), fmt.Sprint(b.route, b.method, b.status))
	})
	head("midad_http_requests_total", "counter", "HTTP requests answered, by route pattern, method and status.")
	for _, k := range keys {
		fmt.Fprintf(&b, "midad_http_requests_total{route=%s,method=%s,status=\"%d\"} %d\n", quote(k.route), quote(k.method), k.status, m.requests[k])
	}
	routes := make([]string, 0, len(m.latency))
	for r := range m.latency {
		routes = append(routes, r)
	}
	slices.Sort(routes)
	head("midad_http_request_duration_seconds", "histogram", "Time to answer HTTP requests, by route pattern.")
	for _, route := range routes {
		h := m.latency[route]
		var cum uint64
		for i, le := range latencyBuckets {
			cum += h.counts[i]
			fmt.Fprintf(&b, "midad_http_request_duration_seconds_bucket{route=%s,le=\"%s\"} %d\n", quote(route), strconv.FormatFloat(le, 'g', -1, 64), cum)
		}
		cum += h.counts[len(latencyBuckets)]
		fmt.Fprintf(&b, "midad_http_request_duration_seconds_bucket{route=%s,le=\"+Inf\"} %d\n", quote(route), cum)
		fmt.Fprintf(&b, "midad_http_request_duration_seconds_sum{route=%s} %s\n", quote(route), strconv.FormatFloat(h.sum, 'g', -1, 64))
		fmt.Fprintf(&b, "midad_http_request_duration_seconds_count{route=%s} %d\n", quote(route), h.n)
	}
	m.mu.Unlock()

	if m.src.Pools != nil {
		pools := m.src.Pools()
		names := make([]string, 0, len(pools))
		for n := range pools {
			names = append(names, n)
		}
		slices.Sort(names)
		gauge := func(name, help string, v func(sql.DBStats) float64) {
			head(name, "gauge", help)
			for _, n := range names {
				fmt.Fprintf(&b, "%s{pool=%s} %s\n", name, quote(n), strconv.FormatFloat(v(pools[n]), 'g', -1, 64))
			}
		}
		counter := func(name, help string, v func(sql.DBStats) float64) {
			head(name, "counter", help)
			for _, n := range names {
				fmt.Fprintf(&b, "%s{pool=%s} %s\n", name, quote(n), strconv.FormatFloat(v(pools[n]), 'g', -1, 64))
			}
		}
		gauge("midad_db_connections_max", "Largest number of open database connections allowed.", func(s sql.DBStats) float64 { return float64(s.MaxOpenConnections) })
		gauge("midad_db_connections_open", "Open database connections.", func(s sql.DBStats) float64 { return float64(s.OpenConnections) })
		gauge("midad_db_connections_in_use", "Database connections in use.", func(s sql.DBStats) float64 { return float64(s.InUse) })
		gauge("midad_db_connections_idle", "Idle database connections.", func(s sql.DBStats) float64 { return float64(s.Idle) })
		counter("midad_db_wait_total", "Times a caller waited for a database connection.", func(s sql.DBStats) float64 { return float64(s.WaitCount) })
		counter("midad_db_wait_seconds_total", "Time spent waiting for database connections.", func(s sql.DBStats) float64 { return s.WaitDuration.Seconds() })
	}
	if c := m.src.Cache; c != nil {
		st := c.Stats()
		head("midad_page_cache_hits_total", "counter", "Pages served from the page cache.")
		fmt.Fprintf(&b, "midad_page_cache_hits_total %d\n", st.Hits)
		head("midad_page_cache_misses_total", "counter", "Cacheable pages not found in the page cache.")
		fmt.Fprintf(&b, "midad_page_cache_misses_total %d\n", st.Misses)
		head("midad_page_cache_entries", "gauge", "Pages held in the page cache.")
		fmt.Fprintf(&b, "midad_page_cache_entries %d\n", st.Entries)
		head("midad_page_cache_bytes", "gauge", "Bytes held in the page cache.")
		fmt.Fprintf(&b, "midad_page_cache_bytes %d\n", st.Bytes)
	}
	if m.src.Scheduler != nil {
		runs, failures := m.src.Scheduler()
		head("midad_scheduler_runs_total", "counter", "Runs of the scheduler that publishes due articles.")
		fmt.Fprintf(&b, "midad_scheduler_runs_total %d\n", runs)
		head("midad_scheduler_failures_total", "counter", "Scheduler runs that ended in an error.")
		fmt.Fprintf(&b, "midad_scheduler_failures_total %d\n", failures)
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	head("go_goroutines", "gauge", "Goroutines that currently exist.")
	fmt.Fprintf(&b, "go_goroutines %d\n", runtime.NumGoroutine())
	head("go_memstats_heap_alloc_bytes", "gauge", "Bytes of allocated heap objects.")
	fmt.Fprintf(&b, "go_memstats_heap_alloc_bytes %d\n", ms.HeapAlloc)
	head("go_memstats_sys_bytes", "gauge", "Bytes obtained from the operating system.")
	fmt.Fprintf(&b, "go_memstats_sys_bytes %d\n", ms.Sys)
	head("go_gc_cycles_total", "counter", "Completed garbage collection cycles.")
	fmt.Fprintf(&b, "go_gc_cycles_total %d\n", ms.NumGC)
	io.WriteString(w, b.String())
}

// quote writes a label value as the exposition format wants it.
func quote(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`)
	return `"` + r.Replace(s) + `"`
}
