package web_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/midad/midad/internal/i18n"
	"github.com/midad/midad/internal/search/bench"
	"github.com/midad/midad/internal/store"
	"github.com/midad/midad/internal/web/site"
	"github.com/midad/midad/internal/web/view"
)

// BenchmarkFeeds produces the site's feeds and a section's on the ANT
// corpus loaded ten times over (about 100k articles), as readers' apps
// poll them: the query, the model and the writing, without the network.
// It needs MIDAD_BENCH_FEEDS=1 and the corpus (../shared/data/ant-v1.1 or
// $MIDAD_ANT); the loaded database is kept in $MIDAD_BENCH_CACHE (default
// the temporary directory's midad-bench) for the next run, since loading
// takes minutes. MIDAD_BENCH_COPIES changes the ten.
//
//	MIDAD_BENCH_FEEDS=1 go test -run '^$' -bench Feeds -benchmem ./internal/web/
func BenchmarkFeeds(b *testing.B) {
	if os.Getenv("MIDAD_BENCH_FEEDS") == "" {
		b.Skip("set MIDAD_BENCH_FEEDS=1 to load the ANT corpus ×10 and measure the feeds")
	}
	copies := 10
	if n, err := strconv.Atoi(os.Getenv("MIDAD_BENCH_COPIES")); err == nil && n > 0 {
		copies = n
	}
	ctx := context.Background()
	st := feedBenchStore(b, ctx, copies)
	defer st.Close()
	n, err := st.CountArticles(ctx)
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("%d articles", n)

	cat := i18n.NewCatalog()
	v, err := view.New(cat)
	if err != nil {
		b.Fatal(err)
	}
	s := site.New(site.Options{Content: st, View: v, Catalog: cat, Log: slog.New(slog.DiscardHandler), BaseURL: "https://news.example.ma"})
	mux := http.NewServeMux()
	s.Routes(mux)
	for _, path := range []string{"/feed", "/atom.xml", "/feed.json", "/section/sport/feed", "/feed?page=100"} {
		b.Run(path, func(b *testing.B) {
			b.ReportAllocs()
			var size int
			for b.Loop() {
				rec := httptest.NewRecorder()
				mux.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
				if rec.Code != http.StatusOK {
					b.Fatalf("%s: %d", path, rec.Code)
				}
				size = rec.Body.Len()
			}
			b.ReportMetric(float64(size), "feed-bytes")
		})
	}
}

// feedBenchStore opens a copy of the cached corpus database, loading it
// first if there is none.
func feedBenchStore(b *testing.B, ctx context.Context, copies int) *store.Store {
	b.Helper()
	dir := os.Getenv("MIDAD_BENCH_CACHE")
	if dir == "" {
		dir = filepath.Join(os.TempDir(), "midad-bench")
	}
	cached := filepath.Join(dir, "feeds-ant-x"+strconv.Itoa(copies)+".db")
	if _, err := os.Stat(cached); err != nil {
		if err := os.MkdirAll(dir, 0o750); err != nil {
			b.Fatal(err)
		}
		recs, _, err := bench.LoadCorpus(bench.CorpusPath())
		if err != nil {
			b.Fatal(err)
		}
		tmp := cached + ".loading"
		os.Remove(tmp)
		st, err := store.Open(ctx, "sqlite:"+tmp)
		if err != nil {
			b.Fatal(err)
		}
		nr, err := bench.NewNewsroom(ctx, st)
		if err != nil {
			b.Fatal(err)
		}
		_, stats, err := bench.Load(ctx, st, nr, recs, copies, func(done int, elapsed time.Duration) {
			b.Logf("loaded %d articles in %s", done, elapsed.Round(time.Second))
		})
		if err != nil {
			b.Fatal(err)
		}
		b.Logf("loaded %d articles in %s", stats.Articles, stats.Elapsed.Round(time.Second))
		// Closing checkpoints the WAL: the file is then the whole database.
		if err := st.Close(); err != nil {
			b.Fatal(err)
		}
		if err := os.Rename(tmp, cached); err != nil {
			b.Fatal(err)
		}
	}
	path := filepath.Join(b.TempDir(), "midad.db")
	in, err := os.Open(cached)
	if err != nil {
		b.Fatal(err)
	}
	defer in.Close()
	out, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		b.Fatal(err)
	}
	if err := out.Close(); err != nil {
		b.Fatal(err)
	}
	st, err := store.Open(ctx, "sqlite:"+path)
	if err != nil {
		b.Fatal(err)
	}
	return st
}
