package site_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/midad/midad/internal/i18n"
	"github.com/midad/midad/internal/news"
	"github.com/midad/midad/internal/search/bench"
	"github.com/midad/midad/internal/store"
	"github.com/midad/midad/internal/web/site"
	"github.com/midad/midad/internal/web/view"
)

// BenchmarkSitemaps measures the sitemaps on the ANT corpus loaded ten
// times over (~100k articles): the index, the largest month's article
// sitemap and the news sitemap, each written to a response that counts
// and drops its bytes. Like the search benchmarks it needs
// $MIDAD_BENCH_SITEMAP and the corpus (../shared/data/ant-v1.1 or
// $MIDAD_ANT). The loaded database is kept at $MIDAD_SITEMAP_DB (default
// midad-sitemap-bench/ant10.db under the temporary directory) and reused.
//
//	MIDAD_BENCH_SITEMAP=1 go test -run '^$' -bench Sitemaps -benchtime 5x ./internal/web/site/
func BenchmarkSitemaps(b *testing.B) {
	if os.Getenv("MIDAD_BENCH_SITEMAP") == "" {
		b.Skip("set MIDAD_BENCH_SITEMAP=1 to measure the sitemaps on the ANT corpus ×10")
	}
	ctx := context.Background()
	st := antStore(b)
	var newest time.Time
	months := map[string]int{}
	err := st.WalkArticleStamps(ctx, news.SitemapQuery{Now: time.Now()}, func(a news.ArticleStamp) error {
		p := a.Published.In(casablanca(b))
		months[p.Format("2006-01")]++
		if a.Published.After(newest) {
			newest = a.Published
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	biggest, total := "", 0
	for m, n := range months {
		total += n
		if n > months[biggest] || n == months[biggest] && m > biggest {
			biggest = m
		}
	}
	b.Logf("%d visible articles in %d months; the largest, %s, holds %d", total, len(months), biggest, months[biggest])
	now := newest.Add(time.Hour) // the news sitemap's two days end at the newest article
	cat := i18n.NewCatalog()
	v, err := view.New(cat)
	if err != nil {
		b.Fatal(err)
	}
	s := site.New(site.Options{Content: st, Sitemaps: st, View: v, Catalog: cat, Now: func() time.Time { return now },
		Log: slog.New(slog.NewTextHandler(io.Discard, nil)), BaseURL: "https://news.example.ma"})
	mux := http.NewServeMux()
	s.Routes(mux)
	for _, path := range []string{"/sitemap.xml", "/sitemaps/articles-" + biggest + ".xml", "/sitemaps/news.xml", "/sitemaps/taxonomies.xml"} {
		b.Run(path, func(b *testing.B) {
			var out countingResponse
			var peak atomic.Uint64
			b.ReportAllocs()
			runtime.GC()
			stop := sampleHeap(&peak)
			cpu := cpuTime()
			for b.Loop() {
				out = countingResponse{header: http.Header{}}
				mux.ServeHTTP(&out, httptest.NewRequest("GET", path, nil))
				if out.status != http.StatusOK {
					b.Fatalf("%s: status %d", path, out.status)
				}
			}
			// CPU time tells more than the wall clock on a shared machine;
			// it counts the database's work too (SQLite runs in-process).
			b.ReportMetric(float64(cpuTime()-cpu)/float64(b.N)/1e6, "cpu-ms/op")
			stop()
			b.ReportMetric(float64(out.bytes), "bytes/file")
			b.ReportMetric(float64(peak.Load())/(1<<20), "peak-heap-MiB")
		})
	}
}

// sampleHeap records the largest live heap seen every millisecond until
// the returned function is called.
func sampleHeap(peak *atomic.Uint64) (stop func()) {
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		var ms runtime.MemStats
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			runtime.ReadMemStats(&ms)
			if ms.HeapAlloc > peak.Load() {
				peak.Store(ms.HeapAlloc)
			}
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	}()
	return func() { close(done); wg.Wait() }
}

// cpuTime is the CPU time the process has used, user and system.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

type countingResponse struct {
	header http.Header
	status int
	bytes  int64
}

func (c *countingResponse) Header() http.Header { return c.header }
func (c *countingResponse) WriteHeader(code int) {
	if c.status == 0 {
		c.status = code
	}
}
func (c *countingResponse) Write(p []byte) (int, error) {
	if c.status == 0 {
		c.status = http.StatusOK
	}
	c.bytes += int64(len(p))
	return len(p), nil
}

func casablanca(b *testing.B) *time.Location {
	loc, err := time.LoadLocation("Africa/Casablanca")
	if err != nil {
		b.Fatal(err)
	}
	return loc
}

// antStore opens the database holding the corpus ten times over, loading
// it on first use.
func antStore(b *testing.B) *store.Store {
	ctx := context.Background()
	path := os.Getenv("MIDAD_SITEMAP_DB")
	if path == "" {
		path = filepath.Join(os.TempDir(), "midad-sitemap-bench", "ant10.db")
	}
	done := path + ".done"
	if _, err := os.Stat(done); err != nil {
		os.Remove(path)
		recs, _, err := bench.LoadCorpus(bench.CorpusPath())
		if err != nil {
			b.Fatal(err)
		}
		st, err := store.Open(ctx, "sqlite:"+path)
		if err != nil {
			b.Fatal(err)
		}
		nr, err := bench.NewNewsroom(ctx, st)
		if err != nil {
			b.Fatal(err)
		}
		_, stats, err := bench.Load(ctx, st, nr, recs, 10, func(n int, d time.Duration) {
			fmt.Fprintf(os.Stderr, "loaded %d articles in %s\n", n, d.Round(time.Second))
		})
		if err != nil {
			b.Fatal(err)
		}
		b.Logf("loaded %d articles in %s", stats.Articles, stats.Elapsed.Round(time.Second))
		if err := st.Close(); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(done, nil, 0o600); err != nil {
			b.Fatal(err)
		}
	}
	st, err := store.Open(ctx, "sqlite:"+path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	return st
}
