package bench

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/midad/midad/internal/search"
)

// BenchmarkSpeed loads the corpus ten times over (~100k articles) through
// CreateArticle, one transaction per article as in the newsroom, rebuilds
// the whole index with Reindex, and times typical queries through the
// search service, snippets and highlights included. The goal is a
// p95 under 20 ms on a 2-core machine.
//
// The queries are timed twice: on the database as the store leaves it,
// which is what a newsroom runs, and again after ANALYZE has given SQLite's
// planner statistics (see Analyze), which shows how much of the time is the
// query plan's.
func BenchmarkSpeed(b *testing.B) {
	ctx := context.Background()
	recs := corpus(b)
	path := filepath.Join(b.TempDir(), "x.db")
	st, nr := openStore(b, path)

	fmt.Fprintf(report, "\n== Speed: %d copies of the corpus through CreateArticle (one transaction, one fsync each) ==\n", copies)
	_, load, err := Load(ctx, st, nr, recs, copies, func(done int, elapsed time.Duration) {
		fmt.Fprintf(report, "  %7d articles  %6.1f s  %5.0f articles/s\n", done, elapsed.Seconds(), float64(done)/elapsed.Seconds())
	})
	if err != nil {
		b.Fatal(err)
	}
	start := time.Now()
	n, err := st.Reindex(ctx)
	if err != nil {
		b.Fatal(err)
	}
	reindex := time.Since(start)
	if n != load.Articles {
		b.Fatalf("Reindex indexed %d articles, %d were loaded", n, load.Articles)
	}
	fmt.Fprintf(report, "load:      %d articles in %.1f s, %.0f articles/s (%.2f ms an article)\n",
		load.Articles, load.Elapsed.Seconds(), load.PerSecond(), Ms(load.Elapsed)/float64(load.Articles))
	fmt.Fprintf(report, "reindex:   %d articles in %.1f s, %.0f articles/s (index build time)\n",
		n, reindex.Seconds(), float64(n)/reindex.Seconds())
	fmt.Fprintf(report, "database:  %.0f MB (with its WAL)\n", float64(fileSize(path)+fileSize(path+"-wal"))/1e6)

	svc := search.New(st)
	qs := SpeedQueries(nr)
	shipped := timeQueries(ctx, b, svc, qs)
	shipped.print("as the store leaves the database (no planner statistics)")

	start = time.Now()
	if err := Analyze(ctx, path); err != nil {
		b.Fatal(err)
	}
	fmt.Fprintf(report, "\nANALYZE took %.1f s\n", time.Since(start).Seconds())
	analyzed := timeQueries(ctx, b, svc, qs)
	analyzed.print("diagnostic: after ANALYZE, which the store does not run")

	b.ReportMetric(load.Elapsed.Seconds(), "load-s")
	b.ReportMetric(load.PerSecond(), "articles/s")
	b.ReportMetric(reindex.Seconds(), "reindex-s")
	b.ReportMetric(Ms(shipped.percentile(0.5)), "p50-ms")
	b.ReportMetric(Ms(shipped.percentile(0.95)), "p95-ms")
	b.ReportMetric(Ms(shipped.percentile(1)), "max-ms")
	b.ReportMetric(float64(shipped.timeouts), "timeouts")
	b.ReportMetric(Ms(analyzed.percentile(0.5)), "analyzed-p50-ms")
	b.ReportMetric(Ms(analyzed.percentile(0.95)), "analyzed-p95-ms")
	b.ReportMetric(Ms(analyzed.percentile(1)), "analyzed-max-ms")
}

// timing is how the typical queries went in one configuration: every
// timed run of each query, and its result count.
type timing struct {
	qs       []SpeedQuery
	lat      [][]time.Duration // by query, one per timed pass
	totals   []int             // by query; -1 when it timed out
	passes   int
	timeouts int
	elapsed  time.Duration
}

// timeQueries runs the queries once untimed, to warm the page cache and
// the connections, then times passes over all of them, up to speedRuns or
// until queryBudget is spent. Each search has searchDeadline to finish;
// one that does not is interrupted and counted at the deadline.
func timeQueries(ctx context.Context, b *testing.B, svc *search.Service, qs []SpeedQuery) *timing {
	t := &timing{qs: qs, lat: make([][]time.Duration, len(qs)), totals: make([]int, len(qs))}
	run := func(q SpeedQuery) (time.Duration, int, bool) {
		qctx, cancel := context.WithTimeout(ctx, searchDeadline)
		defer cancel()
		start := time.Now()
		res, err := svc.Search(qctx, q.Req)
		d := time.Since(start)
		if err != nil {
			if qctx.Err() != nil {
				return max(d, searchDeadline), -1, false
			}
			b.Fatalf("search %q: %v", q.Req.Query, err)
		}
		return d, res.Total, true
	}
	for _, q := range qs {
		run(q)
	}
	start := time.Now()
	for t.passes < speedRuns {
		passStart := time.Now()
		for i, q := range qs {
			d, total, ok := run(q)
			t.lat[i] = append(t.lat[i], d)
			t.totals[i] = total
			if !ok {
				t.timeouts++
			}
		}
		t.passes++
		if time.Since(start)+time.Since(passStart) > queryBudget {
			break
		}
	}
	t.elapsed = time.Since(start)
	return t
}

// all is every timed search, optionally only those of one kind.
func (t *timing) all(kind string) []time.Duration {
	var out []time.Duration
	for i, q := range t.qs {
		if kind == "" || q.Kind == kind {
			out = append(out, t.lat[i]...)
		}
	}
	return out
}

func (t *timing) percentile(p float64) time.Duration { return Percentile(t.all(""), p) }

// print writes the latency table by kind of query, the verdict on the
// issue's goal and the slowest queries.
func (t *timing) print(title string) {
	all := t.all("")
	fmt.Fprintf(report, "\nqueries, %s:\n", title)
	fmt.Fprintf(report, "  %d typical queries × %d timed passes = %d searches in %.1f s (page 1 of 10, snippets included)\n",
		len(t.qs), t.passes, len(all), t.elapsed.Seconds())
	if t.passes < speedRuns {
		fmt.Fprintf(report, "  stopped after %d of %d passes: the %s budget was spent\n", t.passes, speedRuns, queryBudget)
	}
	if t.timeouts > 0 {
		fmt.Fprintf(report, "  %d of %d searches hit the %s deadline and count as %s: the figures below are lower bounds\n",
			t.timeouts, len(all), searchDeadline, searchDeadline)
	}
	fmt.Fprintf(report, "  %-10s %7s %9s %9s %9s\n", "kind", "queries", "p50 ms", "p95 ms", "max ms")
	var kinds []string
	for _, q := range t.qs {
		if !slices.Contains(kinds, q.Kind) {
			kinds = append(kinds, q.Kind)
		}
	}
	for _, k := range kinds {
		d := t.all(k)
		fmt.Fprintf(report, "  %-10s %7d %9.2f %9.2f %9.2f\n", k, len(d)/t.passes, Ms(Percentile(d, 0.5)), Ms(Percentile(d, 0.95)), Ms(Percentile(d, 1)))
	}
	p95 := Percentile(all, 0.95)
	met := "met"
	if p95 >= 20*time.Millisecond {
		met = "NOT met"
	}
	fmt.Fprintf(report, "  %-10s %7d %9.2f %9.2f %9.2f   goal p95 < 20 ms: %s\n", "all", len(t.qs),
		Ms(Percentile(all, 0.5)), Ms(p95), Ms(Percentile(all, 1)), met)

	order := make([]int, len(t.qs))
	for i := range order {
		order[i] = i
	}
	median := func(i int) time.Duration { return Percentile(t.lat[i], 0.5) }
	slices.SortStableFunc(order, func(x, y int) int { return int(median(y) - median(x)) })
	fmt.Fprintf(report, "  slowest queries (median of their timed runs):\n")
	fmt.Fprintf(report, "  %9s %9s %8s  %-8s  %s\n", "median ms", "max ms", "results", "kind", "query")
	for _, i := range order[:min(5, len(order))] {
		results := fmt.Sprint(t.totals[i])
		if t.totals[i] < 0 {
			results = "timeout"
		}
		fmt.Fprintf(report, "  %9.2f %9.2f %8s  %-8s  %s\n", Ms(median(i)), Ms(Percentile(t.lat[i], 1)), results, t.qs[i].Kind, t.qs[i].Req.Query)
	}
}
