package bench

import (
	"math"
	"slices"
	"time"
)

// Percentile returns the p-th percentile (0 < p ≤ 1) of ds by the
// nearest-rank method: the smallest value that at least p of the values
// do not exceed. It returns 0 for no values.
func Percentile(ds []time.Duration, p float64) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	i := int(math.Ceil(p*float64(len(s)))) - 1
	return s[max(0, min(i, len(s)-1))]
}

// Ms is d in milliseconds, for reports.
func Ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// Rank is the 1-based position of the first of hits that is one of
// targets, or 0 when none is.
func Rank(hits []int64, targets map[int64]bool) int {
	for i, id := range hits {
		if targets[id] {
			return i + 1
		}
	}
	return 0
}

// Score accumulates the relevance of one system on one query set. Every
// query has one target article (or several, when the corpus repeats its
// headline), so recall@10 is the share of queries whose target is in the
// top ten.
type Score struct {
	Queries int
	Found   int     // queries with a target in the top ten
	RR      float64 // sum of reciprocal ranks
	Empty   int     // queries with no result at all
}

// Add counts one query whose first target came at rank (0: not in the top
// ten) among total results.
func (s *Score) Add(rank, total int) {
	s.Queries++
	if rank > 0 {
		s.Found++
		s.RR += 1 / float64(rank)
	}
	if total == 0 {
		s.Empty++
	}
}

// MRR is the mean reciprocal rank at ten.
func (s Score) MRR() float64 { return ratio(s.RR, float64(s.Queries)) }

// Recall is recall at ten.
func (s Score) Recall() float64 { return ratio(float64(s.Found), float64(s.Queries)) }

// EmptyRate is the share of queries that found nothing.
func (s Score) EmptyRate() float64 { return ratio(float64(s.Empty), float64(s.Queries)) }

func ratio(a, b float64) float64 {
	if b == 0 {
		return 0
	}
	return a / b
}
