package store_test

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"

	"github.com/midad/midad/internal/news"
	"github.com/midad/midad/internal/search"
	"github.com/midad/midad/internal/search/bench"
	"github.com/midad/midad/internal/store"
)

// BenchmarkSearchBackends compares search on SQLite and PostgreSQL side by
// side, on the same articles: a SQLite database that the search benchmark
// loaded (make bench-search keeps one under $TMPDIR/midad-bench), named by
// MIDAD_BENCH_PG_FROM, is copied into a new PostgreSQL database, indexed
// there by Reindex, and the search benchmark's typical queries run on both.
// It reports each backend's latency percentiles and whether both found as
// many articles and, sorted by date, the same ones.
//
//	MIDAD_BENCH_PG_FROM=/tmp/midad-bench/speed-….db go test -run '^$' -bench SearchBackends -benchtime 1x ./internal/store/
func BenchmarkSearchBackends(b *testing.B) {
	from := os.Getenv("MIDAD_BENCH_PG_FROM")
	if from == "" {
		b.Skip("MIDAD_BENCH_PG_FROM names no loaded SQLite database")
	}
	ctx := context.Background()
	path := filepath.Join(b.TempDir(), "midad.db")
	if err := copyFile(from, path); err != nil {
		b.Fatal(err)
	}
	lite, err := store.Open(ctx, "sqlite:"+path)
	if err != nil {
		b.Fatal(err)
	}
	defer lite.Close()
	// MIDAD_BENCH_PG_DSN keeps the copy in a database of one's own, to be
	// looked at afterwards or reused by the next run.
	dsn := os.Getenv("MIDAD_BENCH_PG_DSN")
	if dsn == "" {
		dsn = postgresDSN(b)
	}
	pg, err := store.Open(ctx, dsn)
	if err != nil {
		b.Fatal(err)
	}
	defer pg.Close()

	if n, err := pg.CountArticles(ctx); err != nil || n == 0 {
		start := time.Now()
		n, err := copyArticles(ctx, path, dsn)
		if err != nil {
			b.Fatal(err)
		}
		b.Logf("copied %d articles to PostgreSQL in %v", n, time.Since(start).Round(time.Millisecond))
		start = time.Now()
		if n, err = pg.Reindex(ctx); err != nil {
			b.Fatal(err)
		}
		b.Logf("PostgreSQL Reindex: %d articles in %v", n, time.Since(start).Round(time.Millisecond))
		if db, err := sql.Open("pgx", dsn); err == nil {
			_, err = db.Exec(`VACUUM ANALYZE`)
			db.Close()
			if err != nil {
				b.Fatal(err)
			}
		}
	}

	nr := bench.Newsroom{Sections: map[string]news.Section{}}
	for _, sec := range bench.Sections {
		got, err := lite.SectionBySlug(ctx, sec.Slug)
		if err != nil {
			b.Fatal(err)
		}
		nr.Sections[sec.Cat] = got
	}
	queries := bench.SpeedQueries(nr)
	backends := []struct {
		name string
		st   *store.Store
	}{{"sqlite", lite}, {"postgres", pg}}
	const rounds = 5
	times := make([][]time.Duration, len(backends))
	results := make([][]news.SearchResult, len(backends))
	byKind := []map[string][]time.Duration{{}, {}}
	b.ResetTimer()
	for range b.N {
		for round := range rounds {
			for _, q := range queries {
				terms, phrases := search.Parse(q.Req.Query)
				sq := news.SearchQuery{Terms: terms, Phrases: phrases, Now: q.Req.Now, SectionID: q.Req.SectionID,
					Sort: q.Req.Sort, Page: q.Req.Page}
				for i, be := range backends {
					t0 := time.Now()
					res, err := be.st.Search(ctx, sq)
					if err != nil {
						b.Fatalf("%s %q: %v", be.name, q.Req.Query, err)
					}
					if round > 0 { // the first round warms the caches
						times[i] = append(times[i], time.Since(t0))
						byKind[i][q.Kind] = append(byKind[i][q.Kind], time.Since(t0))
					} else {
						results[i] = append(results[i], res)
					}
				}
			}
		}
	}
	b.StopTimer()
	for i, be := range backends {
		p50, p95 := bench.Percentile(times[i], 0.5), bench.Percentile(times[i], 0.95)
		b.Logf("%-8s p50 %6.2f ms  p95 %6.2f ms  max %6.2f ms  (%d searches)", be.name, bench.Ms(p50), bench.Ms(p95),
			bench.Ms(slices.Max(times[i])), len(times[i]))
		b.ReportMetric(bench.Ms(p50), be.name+"-p50-ms")
		b.ReportMetric(bench.Ms(p95), be.name+"-p95-ms")
	}
	var kinds []string
	for _, q := range queries {
		if !slices.Contains(kinds, q.Kind) {
			kinds = append(kinds, q.Kind)
		}
	}
	for _, k := range kinds {
		b.Logf("%-8s p50 sqlite %6.2f ms, postgres %6.2f ms", k, bench.Ms(bench.Percentile(byKind[0][k], 0.5)),
			bench.Ms(bench.Percentile(byKind[1][k], 0.5)))
	}
	sameTotal, sameDate, dated := 0, 0, 0
	for j, q := range queries {
		l, p := results[0][j], results[1][j]
		if l.Total == p.Total && l.More == p.More {
			sameTotal++
		} else {
			b.Logf("%q: sqlite finds %d (more %v), postgres %d (more %v)", q.Req.Query, l.Total, l.More, p.Total, p.More)
		}
		if q.Req.Sort == news.SortDate {
			dated++
			if fmt.Sprint(hitIDs(l)) == fmt.Sprint(hitIDs(p)) {
				sameDate++
			}
		}
	}
	b.Logf("same count on %d of %d queries; same first page by date on %d of %d", sameTotal, len(queries), sameDate, dated)
}

func hitIDs(r news.SearchResult) []int64 {
	var ids []int64
	for _, h := range r.Hits {
		ids = append(ids, h.Article.ID)
	}
	return ids
}

func copyFile(from, to string) error {
	src, err := os.Open(from)
	if err != nil {
		return err
	}
	defer src.Close()
	dst, err := os.Create(to)
	if err != nil {
		return err
	}
	if _, err := io.Copy(dst, src); err != nil {
		dst.Close()
		return err
	}
	return dst.Close()
}

// copyArticles copies the sections, authors, tags and articles of the
// SQLite database at path into the PostgreSQL schema at dsn, keeping their
// ids, with COPY.
func copyArticles(ctx context.Context, path, dsn string) (int, error) {
	src, err := sql.Open("sqlite3", "file:"+path+"?mode=ro")
	if err != nil {
		return 0, err
	}
	defer src.Close()
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		return 0, err
	}
	dst := stdlib.OpenDB(*cfg)
	defer dst.Close()
	conn, err := dst.Conn(ctx)
	if err != nil {
		return 0, err
	}
	defer conn.Close()
	tables := []struct {
		name    string
		columns []string
	}{
		{"sections", []string{"id", "slug", "name", "position"}},
		{"authors", []string{"id", "slug", "name", "bio"}},
		{"tags", []string{"id", "slug", "name"}},
		{"articles", []string{"id", "slug", "kicker", "headline", "summary", "body", "lang", "status", "section_id",
			"published_at", "updated_at", "created_at"}},
		{"article_authors", []string{"article_id", "author_id", "position"}},
		{"article_tags", []string{"article_id", "tag_id"}},
	}
	var articles int
	err = conn.Raw(func(dc any) error {
		pc := dc.(*stdlib.Conn).Conn()
		for _, t := range tables {
			rows, err := src.QueryContext(ctx, "SELECT "+strings.Join(t.columns, ", ")+" FROM "+t.name)
			if err != nil {
				return err
			}
			var data [][]any
			for rows.Next() {
				vals := make([]any, len(t.columns))
				ptrs := make([]any, len(vals))
				for i := range vals {
					ptrs[i] = &vals[i]
				}
				if err := rows.Scan(ptrs...); err != nil {
					rows.Close()
					return err
				}
				data = append(data, vals)
			}
			if err := rows.Close(); err != nil {
				return err
			}
			if _, err := pc.CopyFrom(ctx, pgx.Identifier{t.name}, t.columns, pgx.CopyFromRows(data)); err != nil {
				return fmt.Errorf("copy %s: %w", t.name, err)
			}
			if t.name == "articles" {
				articles = len(data)
			}
		}
		return nil
	})
	return articles, err
}
