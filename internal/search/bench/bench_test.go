package bench

import (
	"context"
	"fmt"
	"io"
	"os"
	"testing"
	"time"

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
	// searchDeadline bounds one search, a hundred times the 20 ms
	// goal: a search that takes longer is cut off and counted at the
	// deadline, so that a slow store makes the report say so instead of
	// running for hours.
	searchDeadline = 2 * time.Second
	// queryBudget bounds the time the speed benchmark spends on the timed
	// passes of one configuration; it does at least one pass, then stops
	// when the next would exceed the budget.
	queryBudget = 3 * time.Minute
	// sampleSize is the number of headlines the relevance benchmark turns
	// into queries.
	sampleSize = 1000
	// seed fixes the sample and the rewriting, so that runs compare.
	seed = 20161210
)

// report is where the readable report goes; `go test -bench` passes the
// test binary's standard output through.
var report io.Writer = os.Stdout

// optIn is the environment variable that `make bench-search` sets. Without
// it the search benchmarks skip, so that `make bench`, which runs every
// benchmark of the module with go test's default ten-minute timeout and
// may run where ../shared/data is absent, stays quick and green.
const optIn = "MIDAD_BENCH_SEARCH"

// corpus reads the ANT corpus or fails the benchmark: once the benchmarks
// are asked for, a missing corpus is an error, not a reason to skip.
func corpus(b *testing.B) []Record {
	b.Helper()
	if os.Getenv(optIn) == "" {
		b.Skip("the search benchmarks load the ANT corpus and take minutes: run them with `make bench-search` (or set " + optIn + "=1)")
	}
	recs, skipped, err := LoadCorpus(CorpusPath())
	if err != nil {
		b.Fatal(err)
	}
	fmt.Fprintf(report, "corpus %s: %d articles kept, %d without a title or text left out\n", CorpusPath(), len(recs), skipped)
	return recs
}

// openStore opens a fresh SQLite store at path with the corpus's sections
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

func fileSize(path string) int64 {
	fi, err := os.Stat(path)
	if err != nil {
		return 0
	}
	return fi.Size()
}
