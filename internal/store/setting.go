package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/midad/midad/internal/news"
)

// Settings returns the site's settings, or the defaults where none were
// saved yet.
func (s *Store) Settings(ctx context.Context) (news.Settings, error) {
	set := news.DefaultSettings()
	var raw string
	err := s.r.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = 'site'`).Scan(&raw)
	if errors.Is(err, sql.ErrNoRows) {
		return set, nil
	}
	if err != nil {
		return set, fmt.Errorf("read settings: %w", err)
	}
	if err := json.Unmarshal([]byte(raw), &set); err != nil {
		return set, fmt.Errorf("decode settings: %w", err)
	}
	return set, nil
}

// SaveSettings replaces the site's settings.
func (s *Store) SaveSettings(ctx context.Context, set news.Settings) error {
	b, err := json.Marshal(set)
	if err != nil {
		return fmt.Errorf("encode settings: %w", err)
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, s.q(`INSERT INTO settings (key, value) VALUES ('site', ?)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value`), string(b))
		if err != nil {
			return fmt.Errorf("save settings: %w", err)
		}
		return nil
	})
}

// Meta returns a small piece of state the application keeps about itself
// (such as whether the demo finished loading), or "" if none.
func (s *Store) Meta(ctx context.Context, key string) (string, error) {
	var v string
	err := s.r.QueryRowContext(ctx, s.q(`SELECT value FROM settings WHERE key = ?`), "meta:"+key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("read %s: %w", key, err)
	}
	return v, nil
}

// SetMeta saves a piece of state read by Meta.
func (s *Store) SetMeta(ctx context.Context, key, value string) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, s.q(`INSERT INTO settings (key, value) VALUES (?, ?)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value`), "meta:"+key, value)
		if err != nil {
			return fmt.Errorf("save %s: %w", key, err)
		}
		return nil
	})
}
