package bench

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
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

// querySet is one row of the relevance table: how Midad and the baseline
// did on the same queries.
type querySet struct {
	name              string
	midad, baseline   Score
	midadOnly         int           // queries only Midad answered in its top ten
	baselineOnly      int           // queries only the baseline answered in its top ten
	midadT, baselineT time.Duration // time spent searching
	examples          []string      // Midad's misses, explained
	missingWords      map[string]int
	missingExamples   map[string]string
	strictMisses      int // Midad found nothing although the target has every query word (a phrase, or a bug)
	rankedOut         int // Midad found results but not the target in its top ten
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
	path := filepath.Join(dir, "x.db")
	st, nr := openStore(b, path)
	ids, load, err := Load(ctx, st, nr, recs, 1, nil)
	if err != nil {
		b.Fatal(err)
	}
	fmt.Fprintf(report, "\n== Relevance: %d articles in Midad (loaded in %.1f s) and in the FTS5 baseline ==\n", load.Articles, load.Elapsed.Seconds())
	checkPlan(ctx, b, st, path)
	base, err := OpenBaseline(ctx, filepath.Join(dir, "baseline.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer base.Close()
	if err := base.Add(ctx, recs, ids); err != nil {
		b.Fatal(err)
	}

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
		sub := letters
		for _, w := range rw {
			words++
			if w.Changed {
				changed++
				sub = affixed
			}
		}
		q := Query(rw)
		if len(shown) < 8 {
			shown = append(shown, rec.Title+"\n      → "+q)
		}
		ix := NewIndexed(nr.Article(rec, 0))
		exact.add(judge(ctx, b, st, base, rec.Title, targets), rec.Title, ix, nil)
		j := judge(ctx, b, st, base, q, targets)
		typed.add(j, rec.Title, ix, origins(rw))
		sub.add(j, rec.Title, ix, origins(rw))
	}

	fmt.Fprintf(report, "queries: %d headlines of 3 words or more (seed %d), each as published and as readers type it;\n", len(sample), seed)
	fmt.Fprintf(report, "         %d of the typed queries' %d words (%.0f%%) gained or lost ال or a clitic; target = the headline's article(s)\n\n", changed, words, 100*float64(changed)/float64(words))
	fmt.Fprintf(report, "  %-26s %8s | %7s %7s %6s | %7s %7s %6s | %6s %6s | %5s %5s | %6s %6s\n",
		"query set", "queries", "MRR@10", "", "", "R@10", "", "", "empty", "", "only", "only", "ms/q", "")
	fmt.Fprintf(report, "  %-26s %8s | %7s %7s %6s | %7s %7s %6s | %6s %6s | %5s %5s | %6s %6s\n",
		"", "", "Midad", "FTS5", "ratio", "Midad", "FTS5", "ratio", "Midad", "FTS5", "Midad", "FTS5", "Midad", "FTS5")
	for _, s := range []*querySet{exact, typed, affixed, letters} {
		fmt.Fprintf(report, "  %-26s %8d | %7.3f %7.3f %6s | %7.3f %7.3f %6s | %5.1f%% %5.1f%% | %5d %5d | %6.2f %6.2f\n",
			s.name, s.midad.Queries,
			s.midad.MRR(), s.baseline.MRR(), times(s.midad.MRR(), s.baseline.MRR()),
			s.midad.Recall(), s.baseline.Recall(), times(s.midad.Recall(), s.baseline.Recall()),
			100*s.midad.EmptyRate(), 100*s.baseline.EmptyRate(), s.midadOnly, s.baselineOnly,
			Ms(s.midadT)/float64(max(1, s.midad.Queries)), Ms(s.baselineT)/float64(max(1, s.baseline.Queries)))
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

// judgement is how both systems did on one query.
type judgement struct {
	query                 string
	midadRank, baseRank   int // 1-based rank of the first target in the top ten; 0 when absent
	midadTotal, baseTotal int
	midadT, baseT         time.Duration
}

// judge runs query on Midad and on the baseline and ranks targets in each.
func judge(ctx context.Context, b *testing.B, st *store.Store, base *Baseline, query string, targets map[int64]bool) judgement {
	j := judgement{query: query}
	start := time.Now()
	hits, total, err := searchIDs(ctx, st, query)
	if err != nil {
		b.Fatal(err)
	}
	j.midadT, j.midadRank, j.midadTotal = time.Since(start), Rank(hits, targets), total
	start = time.Now()
	hits, total, err = base.Search(ctx, query, 10)
	if err != nil {
		b.Fatal(err)
	}
	j.baseT, j.baseRank, j.baseTotal = time.Since(start), Rank(hits, targets), total
	return j
}

// add counts j in the set and explains Midad's miss, if it missed.
func (s *querySet) add(j judgement, title string, ix Indexed, origins map[string]news.SearchTerm) {
	s.midad.Add(j.midadRank, j.midadTotal)
	s.baseline.Add(j.baseRank, j.baseTotal)
	s.midadT += j.midadT
	s.baselineT += j.baseT
	switch {
	case j.midadRank > 0 && j.baseRank == 0:
		s.midadOnly++
	case j.midadRank == 0 && j.baseRank > 0:
		s.baselineOnly++
	}
	if j.midadRank == 0 {
		s.explain(j, title, ix, origins)
	}
}

// origins maps each typed word of a rewritten headline, analyzed, to the
// headline's word, analyzed, to show what a word Midad missed was in the
// headline.
func origins(rw []Word) map[string]news.SearchTerm {
	out := map[string]news.SearchTerm{}
	for _, w := range rw {
		orig := arabic.Tokenize(w.Orig)
		for i, t := range arabic.Tokenize(w.Typed) {
			if i < len(orig) {
				out[t.Exact] = news.SearchTerm{Exact: orig[i].Exact, Stem: orig[i].Stem, Alts: orig[i].Alts}
			}
		}
	}
	return out
}

// planChecks are the queries checkPlan times before and after ANALYZE.
var planChecks = []string{"تونس", "وزير الداخلية"}

// checkPlan gives SQLite's planner statistics with Analyze, without which
// the store's search takes seconds an article on this corpus and the
// relevance benchmark would run for a day. Statistics change how a query
// runs, not what it returns: the store orders hits by score, date and id,
// a total order. checkPlan shows it on a few queries, timing them before
// and after.
func checkPlan(ctx context.Context, b *testing.B, st *store.Store, path string) {
	type outcome struct {
		ids   []int64
		total int
		took  time.Duration
	}
	run := func(q string) outcome {
		qctx, cancel := context.WithTimeout(ctx, time.Minute)
		defer cancel()
		start := time.Now()
		ids, total, err := searchIDs(qctx, st, q)
		if err != nil && qctx.Err() == nil {
			b.Fatal(err)
		}
		if err != nil {
			return outcome{total: -1, took: time.Since(start)}
		}
		return outcome{ids, total, time.Since(start)}
	}
	before := make([]outcome, len(planChecks))
	for i, q := range planChecks {
		before[i] = run(q)
	}
	if err := Analyze(ctx, path); err != nil {
		b.Fatal(err)
	}
	fmt.Fprintf(report, "query plan: the store's search before and after ANALYZE (the store does not run it; this benchmark does, to finish):\n")
	for i, q := range planChecks {
		after := run(q)
		same := "same hits"
		switch {
		case before[i].total < 0:
			same = "timed out before"
		case before[i].total != after.total || !slices.Equal(before[i].ids, after.ids):
			b.Fatalf("%q: ANALYZE changed the results: %d %v before, %d %v after", q, before[i].total, before[i].ids, after.total, after.ids)
		}
		fmt.Fprintf(report, "  %-16s %9.1f ms before, %7.1f ms after, %5d results, %s\n", q, Ms(before[i].took), Ms(after.took), after.total, same)
	}
}

// times is a/b for the table, or "∞" when only b is zero.
func times(a, b float64) string {
	switch {
	case b > 0:
		return fmt.Sprintf("%.2f", a/b)
	case a > 0:
		return "∞"
	}
	return "—"
}

// explain records why Midad missed the target of j's query: the query words
// the target article does not have as Midad analyzes it (Midad requires
// every word), or that it was found but ranked below ten. origins, for a
// rewritten query, gives the headline's word for each typed word.
func (s *querySet) explain(j judgement, title string, ix Indexed, origins map[string]news.SearchTerm) {
	terms, phrases := search.Parse(j.query)
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
	case len(missing) == 0 && j.midadTotal > 0:
		s.rankedOut++
	case len(missing) == 0:
		s.strictMisses++
	}
	if len(s.examples) >= 12 || (len(missing) == 0 && j.midadTotal > 0 && s.rankedOut > 4) {
		return
	}
	why := "ranked below 10"
	if len(missing) > 0 {
		why = "target lacks " + strings.Join(missing, ", ")
	} else if j.midadTotal == 0 {
		why = "no result although the target has every word"
	}
	s.examples = append(s.examples, fmt.Sprintf("%s\n      query %q: Midad %d results, FTS5 %d (target at rank %d); %s", title, j.query, j.midadTotal, j.baseTotal, j.baseRank, why))
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
	if len(s.examples) == 0 {
		return
	}
	fmt.Fprintf(w, "  examples:\n")
	for _, e := range s.examples {
		fmt.Fprintf(w, "  - %s\n", e)
	}
}
