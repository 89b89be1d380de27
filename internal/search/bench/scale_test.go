package bench

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/midad/midad/internal/news"
	"github.com/midad/midad/internal/search"
)

// relevanceAtScale runs the relevance benchmark's queries (the same sample
// of headlines, as published and as readers type them, with the same
// seed) on the speed benchmark's hundred thousand articles, through issue
// 5's search and the store's, and prints MRR@10 and recall@10 of both, a
// target being any copy of the headline's article. It is there for what
// the relevance benchmark's ten thousand articles cannot show: whether
// ranking only the newest matches of a query that has more (see the
// store's searchWindow) loses the article a reader looks for. It also
// checks that both count the same results for every query.
func relevanceAtScale(ctx context.Context, b *testing.B, recs []Record, legacy *Legacy, st search.Store) {
	byTitle := map[string][]int64{}
	rows, err := legacy.db.QueryContext(ctx, `SELECT id, headline FROM articles`)
	if err != nil {
		b.Fatal(err)
	}
	for rows.Next() {
		var id int64
		var h string
		if err := rows.Scan(&id, &h); err != nil {
			b.Fatal(err)
		}
		byTitle[h] = append(byTitle[h], id)
	}
	if err := rows.Close(); err != nil {
		b.Fatal(err)
	}

	type side struct {
		score Score
		took  time.Duration
	}
	type set struct {
		name                  string
		old, cur              side
		sameTotal, samePage   int
		windowed, windowedHit int // queries with more matches than the window, and those whose target the store ranked first anyway
	}
	exact, typed := &set{name: "exact title"}, &set{name: "reader-typed"}
	run := func(s *set, query string, targets map[int64]bool) {
		do := func(st search.Store, sd *side) ([]int64, int) {
			start := time.Now()
			ids, total, err := searchIDs(ctx, st, query)
			if err != nil {
				b.Fatal(err)
			}
			sd.took += time.Since(start)
			sd.score.Add(Rank(ids, targets), total)
			return ids, total
		}
		oids, ototal := do(legacy, &s.old)
		cids, ctotal := do(st, &s.cur)
		if ototal == ctotal {
			s.sameTotal++
		}
		if slices.Equal(oids, cids) {
			s.samePage++
		}
		if ctotal >= news.MaxSearchTotal {
			s.windowed++
			if Rank(cids, targets) == 1 {
				s.windowedHit++
			}
		}
	}
	rng := rand.New(rand.NewPCG(seed, 2))
	for _, i := range SampleTitles(recs, sampleSize, seed) {
		rec := recs[i]
		targets := map[int64]bool{}
		for _, id := range byTitle[rec.Title] {
			targets[id] = true
		}
		q := Query(Rewrite(rec.Title, rng))
		run(exact, rec.Title, targets)
		run(typed, q, targets)
	}
	fmt.Fprintf(report, "\nrelevance at scale: the relevance benchmark's %d headlines on these %d articles, a target being any copy of the headline's article:\n", sampleSize, len(recs)*copies)
	fmt.Fprintf(report, "  %-14s | %7s %7s | %7s %7s | %7s %7s | %10s %10s | %s\n", "query set", "old MRR", "MRR", "old R10", "R10", "old ms/q", "ms/q", "same total", "same page", "over 1000 matches (target first)")
	for _, s := range []*set{exact, typed} {
		n := float64(s.cur.score.Queries)
		fmt.Fprintf(report, "  %-14s | %7.3f %7.3f | %7.3f %7.3f | %7.2f %7.2f | %10d %10d | %d (%d)\n", s.name,
			s.old.score.MRR(), s.cur.score.MRR(), s.old.score.Recall(), s.cur.score.Recall(),
			Ms(s.old.took)/n, Ms(s.cur.took)/n, s.sameTotal, s.samePage, s.windowed, s.windowedHit)
		if s.sameTotal != s.cur.score.Queries {
			b.Errorf("%s: %d of %d queries counted differently by the old search and the store's", s.name, s.cur.score.Queries-s.sameTotal, s.cur.score.Queries)
		}
	}
	b.ReportMetric(exact.cur.score.MRR(), "scale-mrr-exact")
	b.ReportMetric(typed.cur.score.MRR(), "scale-mrr-typed")
	b.ReportMetric(exact.old.score.MRR(), "old-scale-mrr-exact")
	b.ReportMetric(typed.old.score.MRR(), "old-scale-mrr-typed")
}

// searchIDs runs query as a reader's on any store: analyzed by
// search.Parse, then the first page of ten by relevance; the hits' ids and
// the total.
func searchIDs(ctx context.Context, st search.Store, query string) ([]int64, int, error) {
	terms, phrases := search.Parse(query)
	if len(terms) == 0 && len(phrases) == 0 {
		return nil, 0, nil
	}
	res, err := st.Search(ctx, news.SearchQuery{
		Terms: terms, Phrases: phrases, Now: FarFuture,
		Sort: news.SortRelevance, Page: news.Page{Number: 1, Size: 10},
	})
	if err != nil {
		return nil, 0, fmt.Errorf("%q: %w", query, err)
	}
	ids := make([]int64, len(res.Hits))
	for i, h := range res.Hits {
		ids[i] = h.Article.ID
	}
	return ids, res.Total, nil
}
