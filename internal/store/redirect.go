package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/midad/midad/internal/news"
)

// PutRedirect records that r.Path (a key made by news.RedirectKey) now
// leads to r's target, replacing what it led to before.
func (s *Store) PutRedirect(ctx context.Context, r news.Redirect) error {
	return s.inTx(ctx, func(tx *sql.Tx) error { return s.putRedirect(ctx, tx, r) })
}

// putRedirect is PutRedirect inside a caller's transaction, so that a
// rename and the redirect from its old address are stored together.
func (s *Store) putRedirect(ctx context.Context, tx *sql.Tx, r news.Redirect) error {
	if r.Path == "" || r.Path == "/" {
		return fmt.Errorf("redirect: empty path")
	}
	_, err := tx.ExecContext(ctx, s.q(`INSERT INTO redirects (path, kind, target_id, target, created_at) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (path) DO UPDATE SET kind = excluded.kind, target_id = excluded.target_id, target = excluded.target`),
		r.Path, string(r.Kind), r.TargetID, r.Target, s.now().Unix())
	if err != nil {
		return fmt.Errorf("redirect %q: %w", r.Path, err)
	}
	return nil
}

// Redirect finds where an earlier address leads; key is made by
// news.RedirectKey. news.ErrNotFound if it leads nowhere.
func (s *Store) Redirect(ctx context.Context, key string) (news.Redirect, error) {
	r := news.Redirect{Path: key}
	var kind string
	err := s.r.QueryRowContext(ctx, s.q(`SELECT kind, target_id, target FROM redirects WHERE path = ?`), key).
		Scan(&kind, &r.TargetID, &r.Target)
	if errors.Is(err, sql.ErrNoRows) {
		return r, news.ErrNotFound
	}
	if err != nil {
		return r, fmt.Errorf("redirect %q: %w", key, err)
	}
	r.Kind = news.RedirectKind(kind)
	return r, nil
}
