package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// BeginLoginAttempt decides, in one transaction holding a lock on each key,
// whether a sign-in may be tried: it counts each key's failures since a
// time, asks wait how long that key must still wait, and if none must, it
// records the attempt as a failure under every key before the password is
// even checked. Concurrent attempts thus see each other, as if they had
// come one after another; a good sign-in takes its own rows back with
// EndLoginAttempt. It returns the longest wait (zero: go ahead).
func (s *Store) BeginLoginAttempt(ctx context.Context, at, since time.Time, keys []string,
	wait func(failures int, last time.Time) time.Duration) (time.Duration, error) {
	var longest time.Duration
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		if err := s.dialect.lock(ctx, tx, prefixed("login:", keys)...); err != nil {
			return err
		}
		for _, k := range keys {
			var n int
			var last sql.NullInt64
			if err := tx.QueryRowContext(ctx, s.q(`SELECT COUNT(*), MAX(at) FROM login_failures WHERE key = ? AND at >= ?`),
				k, since.Unix()).Scan(&n, &last); err != nil {
				return fmt.Errorf("count login failures: %w", err)
			}
			longest = max(longest, wait(n, fromUnix(last.Int64)))
		}
		if longest > 0 {
			return nil
		}
		for _, k := range keys {
			if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO login_failures (key, at) VALUES (?, ?)`), k, at.Unix()); err != nil {
				return fmt.Errorf("record login attempt: %w", err)
			}
		}
		_, err := tx.ExecContext(ctx, s.q(`DELETE FROM login_failures WHERE at < ?`), at.Add(-24*time.Hour).Unix())
		return err
	})
	return longest, err
}

// EndLoginAttempt takes back, after a good sign-in, the failure that
// BeginLoginAttempt recorded at the time at under each key (one row each:
// rows of one key and time are alike, so any one of them will do), and
// forgets every failure of the keys in clear.
func (s *Store) EndLoginAttempt(ctx context.Context, at time.Time, keys, clear []string) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		for _, k := range keys {
			if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM login_failures WHERE `+s.dialect.rowID+` IN
				(SELECT `+s.dialect.rowID+` FROM login_failures WHERE key = ? AND at = ? LIMIT 1)`), k, at.Unix()); err != nil {
				return fmt.Errorf("take back login attempt: %w", err)
			}
		}
		for _, k := range clear {
			if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM login_failures WHERE key = ?`), k); err != nil {
				return fmt.Errorf("clear login failures: %w", err)
			}
		}
		return nil
	})
}

func prefixed(p string, keys []string) []string {
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = p + k
	}
	return out
}
