package storetest

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/midad/midad/internal/store"
)

// testLoginAttemptsConcurrent: attempts begun at once are counted as if
// they came one after another, and a good one takes back only its own row.
func testLoginAttemptsConcurrent(t *testing.T, s *store.Store) {
	ctx := context.Background()
	at := time.Unix(1_800_000_000, 0)
	wait := func(n int, _ time.Time) time.Duration {
		if n >= 5 {
			return time.Minute
		}
		return 0
	}
	keys := []string{"email:a@example.ma", "ip:192.0.2.1"}
	const n = 30
	waits := make([]time.Duration, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			d, err := s.BeginLoginAttempt(ctx, at, at.Add(-time.Hour), keys, wait)
			if err != nil {
				t.Error(err)
			}
			waits[i] = d
		})
	}
	wg.Wait()
	allowed := 0
	for _, d := range waits {
		if d == 0 {
			allowed++
		}
	}
	if allowed != 5 {
		t.Errorf("%d of %d concurrent attempts allowed, want 5", allowed, n)
	}
	// One was right: it takes its row back, under both keys, and clears
	// the account's.
	if err := s.EndLoginAttempt(ctx, at, keys, nil); err != nil {
		t.Fatal(err)
	}
	if n, _, _ := s.LoginFailures(ctx, "ip:192.0.2.1", at.Add(-time.Hour)); n != 4 {
		t.Errorf("the address has %d failures after one good attempt, want 4", n)
	}
	if err := s.EndLoginAttempt(ctx, at, nil, keys[:1]); err != nil {
		t.Fatal(err)
	}
	if n, _, _ := s.LoginFailures(ctx, "email:a@example.ma", at.Add(-time.Hour)); n != 0 {
		t.Errorf("the account has %d failures after clearing", n)
	}
}
