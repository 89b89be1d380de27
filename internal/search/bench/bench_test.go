package bench

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/midad/midad/internal/arabic"
	"github.com/midad/midad/internal/news"
	"github.com/midad/midad/internal/search"
	"github.com/midad/midad/internal/store"
)

// The benchmarks measure themselves and do their work once, whatever b.N:
// loading a hundred thousand articles is the measurement, not something
// to repeat until the timing settles. `make bench-search` runs them with
// -benchtime 1x.
const (
	// copies is how many times the speed benchmark loads the corpus: ten
	// times 10,134 articles is the ~100k of the issue.
	copies = 10
	// speedRuns is how many times each typical query is timed, after one
	// untimed warm-up pass over all of them.
	speedRuns = 5
	// sampleSize is the number of headlines the relevance benchmark turns
	// into queries.
	sampleSize = 1000
	// seed fixes the sample and the rewriting, so that runs compare.
	seed = 20161210
)

// report is where the readable report goes; `go test -bench` passes the
// test binary's standard output through.
var report io.Writer = os.Stdout

func corpus(b *testing.B) []Record {
	b.Helper()
	recs, skipped, err := LoadCorpus(CorpusPath())
	if err != nil {
		b.Fatal(err)
	}
	fmt.Fprintf(report, "corpus %s: %d articles kept, %d without a title or text left out\n", CorpusPath(), len(recs), skipped)
	return recs
}

// openStore opens a fresh SQLite store in dir with the corpus's sections
// and author.
func openStore(b *testing.B, path string) (*store.Store, Newsroom) {
	b.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, "sqlite:"+path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	nr, err := NewNewsroom(ctx, st)
	if err != nil {
		b.Fatal(err)
	}
	return st, nr
}

// BenchmarkSpeed loads the corpus ten times over (~100k articles) through
// CreateArticle, one transaction per article as in the newsroom, rebuilds
// the whole index with Reindex, and times typical queries through the
// search service, snippets and highlights included. The goal is a
// p95 under 20 ms on a 2-core machine.
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
	run := func(q SpeedQuery) (time.Duration, int) {
		start := time.Now()
		res, err := svc.Search(ctx, q.Req)
		d := time.Since(start)
		if err != nil {
			b.Fatalf("search %q: %v", q.Req.Query, err)
		}
		return d, res.Total
	}
	for _, q := range qs { // warm-up: the page cache and the prepared statements
		run(q)
	}
	lat := make([][]time.Duration, len(qs))
	totals := make([]int, len(qs))
	var all []time.Duration
	byKind := map[string][]time.Duration{}
	var kinds []string
	for range speedRuns {
		for i, q := range qs {
			d, total := run(q)
			lat[i] = append(lat[i], d)
			totals[i] = total
			all = append(all, d)
			if _, ok := byKind[q.Kind]; !ok {
				kinds = append(kinds, q.Kind)
			}
			byKind[q.Kind] = append(byKind[q.Kind], d)
		}
	}
	p50, p95, worst := Percentile(all, 0.5), Percentile(all, 0.95), Percentile(all, 1)

	fmt.Fprintf(report, "\nqueries:   %d typical queries × %d runs = %d searches (page 1 of 10, snippets included)\n", len(qs), speedRuns, len(all))
	fmt.Fprintf(report, "  %-10s %7s %9s %9s %9s\n", "kind", "queries", "p50 ms", "p95 ms", "max ms")
	for _, k := range kinds {
		d := byKind[k]
		fmt.Fprintf(report, "  %-10s %7d %9.2f %9.2f %9.2f\n", k, len(d)/speedRuns, Ms(Percentile(d, 0.5)), Ms(Percentile(d, 0.95)), Ms(Percentile(d, 1)))
	}
	fmt.Fprintf(report, "  %-10s %7d %9.2f %9.2f %9.2f   (goal: p95 < 20 ms: %s)\n", "all", len(qs), Ms(p50), Ms(p95), Ms(worst), verdict(p95 < 20*time.Millisecond))

	order := make([]int, len(qs))
	for i := range order {
		order[i] = i
	}
	median := func(i int) time.Duration { return Percentile(lat[i], 0.5) }
	slices.SortFunc(order, func(x, y int) int { return int(median(y) - median(x)) })
	fmt.Fprintf(report, "\nslowest queries (median of %d runs):\n", speedRuns)
	fmt.Fprintf(report, "  %9s %9s %8s  %-8s  %s\n", "median ms", "max ms", "results", "kind", "query")
	for _, i := range order[:5] {
		fmt.Fprintf(report, "  %9.2f %9.2f %8d  %-8s  %s\n", Ms(median(i)), Ms(Percentile(lat[i], 1)), totals[i], qs[i].Kind, qs[i].Req.Query)
	}

	b.ReportMetric(load.Elapsed.Seconds(), "load-s")
	b.ReportMetric(load.PerSecond(), "articles/s")
	b.ReportMetric(reindex.Seconds(), "reindex-s")
	b.ReportMetric(Ms(p50), "p50-ms")
	b.ReportMetric(Ms(p95), "p95-ms")
	b.ReportMetric(Ms(worst), "max-ms")
}

func fileSize(path string) int64 {
	fi, err := os.Stat(path)
	if err != nil {
		return 0
	}
	return fi.Size()
}

func verdict(ok bool) string {
	if ok {
		return "met"
	}
	return "NOT met"
}

// querySet is one row of the relevance table: how Midad and the baseline
// did on the same queries.
type querySet struct {
	name            string
	midad, baseline Score
	midadOnly       int // queries only Midad answered in its top ten
	baselineOnly    int // queries only the baseline answered in its top ten
	midadT, baselnT time.Duration
	examples        []string // Midad's misses, explained
	missingWords    map[string]int
	missingExamples map[string]string
	strictMisses    int // Midad found nothing although the target has every query word (a phrase, or a bug)
	rankedOut       int // Midad found results but not the target in its top ten
}

// BenchmarkRelevance measures MRR@10 and recall@10 of Midad and of the
// FTS5 baseline on the corpus loaded once: a sample of headlines, as
// published and as readers type them (see Rewrite), each looking for its
// own article. Midad's queries go through search.Parse, as readers' do,
// then the store's Search, ranked by relevance; the baseline gets the
// query's words quoted and ANDed, ranked by bm25.
func BenchmarkRelevance(b *testing.B) {
	ctx := context.Background()
	recs := corpus(b)
	dir := b.TempDir()
	st, nr := openStore(b, filepath.Join(dir, "x.db"))
	ids, load, err := Load(ctx, st, nr, recs, 1, nil)
	if err != nil {
		b.Fatal(err)
	}
	base, err := OpenBaseline(ctx, filepath.Join(dir, "baseline.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer base.Close()
	if err := base.Add(ctx, recs, ids); err != nil {
		b.Fatal(err)
	}
	fmt.Fprintf(report, "\n== Relevance: %d articles in Midad (loaded in %.1f s) and in the FTS5 baseline ==\n", load.Articles, load.Elapsed.Seconds())

	// Articles that share a headline are duplicates: finding any of them
	// answers the query.
	byTitle := map[string][]int64{}
	for i, r := range recs {
		byTitle[r.Title] = append(byTitle[r.Title], ids[i])
	}
	sample := SampleTitles(recs, sampleSize, seed)
	rng := rand.New(rand.NewPCG(seed, 2))

	exact := &querySet{name: "exact title"}
	typed := &querySet{name: "reader-typed"}
	affixed := &querySet{name: "  with ال/clitic change"}
	letters := &querySet{name: "  letters only"}
	for _, s := range []*querySet{exact, typed, affixed, letters} {
		s.missingWords, s.missingExamples = map[string]int{}, map[string]string{}
	}
	var words, changed int
	var shown []string
	for _, i := range sample {
		rec := recs[i]
		targets := map[int64]bool{}
		for _, id := range byTitle[rec.Title] {
			targets[id] = true
		}
		rw := Rewrite(rec.Title, rng)
		anyChanged := false
		for _, w := range rw {
			words++
			if w.Changed {
				changed++
				anyChanged = true
			}
		}
		q := Query(rw)
		if len(shown) < 8 {
			shown = append(shown, rec.Title+"\n      → "+q)
		}
		ix := NewIndexed(nr.Article(rec, 0))
		// origins maps each typed word, analyzed, to the headline's word,
		// analyzed, to show what a missed word was in the headline.
		origins := map[string]news.SearchTerm{}
		for _, w := range rw {
			orig := arabic.Tokenize(w.Orig)
			for j, t := range arabic.Tokenize(w.Typed) {
				if j < len(orig) {
					origins[t.Exact] = news.SearchTerm{Exact: orig[j].Exact, Stem: orig[j].Stem, Alts: orig[j].Alts}
				}
			}
		}
		sub := letters
		if anyChanged {
			sub = affixed
		}
		for _, t := range []struct {
			query   string
			sets    []*querySet
			origins map[string]news.SearchTerm
		}{{rec.Title, []*querySet{exact}, nil}, {q, []*querySet{typed, sub}, origins}} {
			start := time.Now()
			mh, mt, err := midadSearch(ctx, st, t.query)
			if err != nil {
				b.Fatal(err)
			}
			mid := time.Since(start)
			start = time.Now()
			bh, bt, err := base.Search(ctx, t.query, 10)
			if err != nil {
				b.Fatal(err)
			}
			bd := time.Since(start)
			mr, br := Rank(mh, targets), Rank(bh, targets)
			for _, s := range t.sets {
				s.midad.Add(mr, mt)
				s.baseline.Add(br, bt)
				s.midadT += mid
				s.baselnT += bd
				if mr > 0 && br == 0 {
					s.midadOnly++
				}
				if mr == 0 && br > 0 {
					s.baselineOnly++
				}
				if mr == 0 {
					s.explain(t.query, rec.Title, mt, bt, br, ix, t.origins)
				}
			}
		}
	}

	fmt.Fprintf(report, "queries: %d headlines of 3 words or more (seed %d), each as published and as readers type it;\n", len(sample), seed)
	fmt.Fprintf(report, "         %d of the typed queries' %d words (%.0f%%) gained or lost ال or a clitic; target = the headline's article(s)\n\n", changed, words, 100*float64(changed)/float64(words))
	fmt.Fprintf(report, "  %-26s %8s | %7s %7s %6s | %7s %7s %6s | %6s %6s | %5s %5s | %6s %6s\n",
		"query set", "queries", "MRR@10", "", "", "R@10", "", "", "empty", "", "only", "only", "ms/q", "")
	fmt.Fprintf(report, "  %-26s %8s | %7s %7s %6s | %7s %7s %6s | %6s %6s | %5s %5s | %6s %6s\n",
		"", "", "Midad", "FTS5", "ratio", "Midad", "FTS5", "ratio", "Midad", "FTS5", "Midad", "FTS5", "Midad", "FTS5")
	for _, s := range []*querySet{exact, typed, affixed, letters} {
		fmt.Fprintf(report, "  %-26s %8d | %7.3f %7.3f %6.2f | %7.3f %7.3f %6.2f | %5.1f%% %5.1f%% | %5d %5d | %6.2f %6.2f\n",
			s.name, s.midad.Queries,
			s.midad.MRR(), s.baseline.MRR(), ratio(s.midad.MRR(), s.baseline.MRR()),
			s.midad.Recall(), s.baseline.Recall(), ratio(s.midad.Recall(), s.baseline.Recall()),
			100*s.midad.EmptyRate(), 100*s.baseline.EmptyRate(), s.midadOnly, s.baselineOnly,
			Ms(s.midadT)/float64(max(1, s.midad.Queries)), Ms(s.baselnT)/float64(max(1, s.baseline.Queries)))
	}
	fmt.Fprintf(report, "  (empty: share of queries with no result at all; only: queries whose target only that system put in its top 10)\n")

	fmt.Fprintf(report, "\nsample rewrites:\n")
	for _, s := range shown {
		fmt.Fprintf(report, "  %s\n", s)
	}
	for _, s := range []*querySet{exact, typed} {
		s.print(report)
	}

	b.ReportMetric(exact.midad.MRR(), "midad-mrr-exact")
	b.ReportMetric(exact.baseline.MRR(), "fts5-mrr-exact")
	b.ReportMetric(exact.midad.Recall(), "midad-r10-exact")
	b.ReportMetric(exact.baseline.Recall(), "fts5-r10-exact")
	b.ReportMetric(typed.midad.MRR(), "midad-mrr-typed")
	b.ReportMetric(typed.baseline.MRR(), "fts5-mrr-typed")
	b.ReportMetric(typed.midad.Recall(), "midad-r10-typed")
	b.ReportMetric(typed.baseline.Recall(), "fts5-r10-typed")
}

// midadSearch runs query as a reader's: analyzed by search.Parse, then the
// store's relevance-ranked search for the first page of ten. It returns
// the hits' ids and the total.
func midadSearch(ctx context.Context, st *store.Store, query string) ([]int64, int, error) {
	terms, phrases := search.Parse(query)
	if len(terms) == 0 && len(phrases) == 0 {
		return nil, 0, nil
	}
	res, err := st.Search(ctx, news.SearchQuery{
		Terms: terms, Phrases: phrases, Now: FarFuture,
		Sort: news.SortRelevance, Page: news.Page{Number: 1, Size: 10},
	})
	if err != nil {
		return nil, 0, fmt.Errorf("midad %q: %w", query, err)
	}
	ids := make([]int64, len(res.Hits))
	for i, h := range res.Hits {
		ids[i] = h.Article.ID
	}
	return ids, res.Total, nil
}

// explain records why Midad missed the target of query: the query words
// the target article does not have as Midad analyzes it (Midad requires
// every word), or that it was found but ranked below ten. origins, for a
// rewritten query, gives the headline's word for each typed word.
func (s *querySet) explain(query, title string, midadTotal, baseTotal, baseRank int, ix Indexed, origins map[string]news.SearchTerm) {
	terms, phrases := search.Parse(query)
	var missing []string
	for _, t := range terms {
		if !ix.Matches(t) {
			key := describe(t)
			if o, ok := origins[t.Exact]; ok && o.Exact != t.Exact {
				key += " ← headline's " + describe(o)
			}
			missing = append(missing, key)
			s.missingWords[key]++
			if _, ok := s.missingExamples[key]; !ok {
				s.missingExamples[key] = title
			}
		}
	}
	for _, p := range phrases {
		for _, t := range p {
			if !ix.Matches(t) {
				missing = append(missing, "phrase word "+describe(t))
			}
		}
	}
	switch {
	case len(missing) == 0 && midadTotal > 0:
		s.rankedOut++
	case len(missing) == 0:
		s.strictMisses++
	}
	if len(s.examples) >= 12 || (len(missing) == 0 && midadTotal > 0 && s.rankedOut > 4) {
		return
	}
	why := "ranked below 10"
	if len(missing) > 0 {
		why = "target lacks " + strings.Join(missing, ", ")
	} else if midadTotal == 0 {
		why = "no result although the target has every word"
	}
	s.examples = append(s.examples, fmt.Sprintf("%s\n      query %q: Midad %d results, FTS5 %d (target at rank %d); %s", title, query, midadTotal, baseTotal, baseRank, why))
}

// describe shows an analyzed query word: as folded, its stem and its
// alternatives.
func describe(t news.SearchTerm) string {
	s := t.Exact
	if t.Stem != t.Exact {
		s += " (stem " + t.Stem
		if len(t.Alts) > 0 {
			s += ", alts " + strings.Join(t.Alts, " ")
		}
		s += ")"
	} else if len(t.Alts) > 0 {
		s += " (alts " + strings.Join(t.Alts, " ") + ")"
	}
	return s
}

// print writes the set's misses: counts by cause, the query words most
// often missing from their target, and examples.
func (s *querySet) print(w io.Writer) {
	misses := s.midad.Queries - s.midad.Found
	fmt.Fprintf(w, "\nMidad's misses on %s queries: %d of %d (no result %d, of which %d with every word in the target; ranked below 10: %d)\n",
		s.name, misses, s.midad.Queries, s.midad.Empty, s.strictMisses, s.rankedOut)
	if len(s.missingWords) > 0 {
		keys := make([]string, 0, len(s.missingWords))
		for k := range s.missingWords {
			keys = append(keys, k)
		}
		slices.SortFunc(keys, func(a, b string) int {
			if c := s.missingWords[b] - s.missingWords[a]; c != 0 {
				return c
			}
			return strings.Compare(a, b)
		})
		fmt.Fprintf(w, "  query words the target article lacks, as Midad analyzes them (most frequent first):\n")
		for _, k := range keys[:min(15, len(keys))] {
			fmt.Fprintf(w, "  %4d  %s   e.g. in «%s»\n", s.missingWords[k], k, s.missingExamples[k])
		}
	}
	fmt.Fprintf(w, "  examples:\n")
	for _, e := range s.examples {
		fmt.Fprintf(w, "  - %s\n", e)
	}
}
