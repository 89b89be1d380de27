package bench

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"testing"
	"time"
)

func BenchmarkProbe(b *testing.B) {
	ctx := context.Background()
	recs := corpus(b)
	st, nr := openStore(b, filepath.Join(b.TempDir(), "x.db"))
	_, _, err := Load(ctx, st, nr, recs, 1, nil)
	if err != nil {
		b.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(seed, 2))
	for n, i := range SampleTitles(recs, sampleSize, seed)[:40] {
		rec := recs[i]
		q := Query(Rewrite(rec.Title, rng))
		for _, qq := range []string{rec.Title, q} {
			t := time.Now()
			_, total, err := midadSearch(ctx, st, qq)
			fmt.Printf("%d %8.1fms %5d %v %s\n", n, Ms(time.Since(t)), total, err, qq)
		}
	}
}
