package store

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
)

//go:embed migrations
var migrationsFS embed.FS

type migration struct {
	version int
	name    string
	sql     string
}

// migrations lists the dialect's numbered migration files (NNNN_name.sql)
// in order. Migrations are append-only: a released file is never edited.
func (d dialect) loadMigrations() ([]migration, error) {
	entries, err := fs.ReadDir(migrationsFS, d.migrations)
	if err != nil {
		return nil, fmt.Errorf("read migrations: %w", err)
	}
	var ms []migration
	for _, e := range entries {
		num, _, ok := strings.Cut(e.Name(), "_")
		if !ok || !strings.HasSuffix(e.Name(), ".sql") {
			return nil, fmt.Errorf("migration %s: name is not NNNN_name.sql", e.Name())
		}
		v, err := strconv.Atoi(num)
		if err != nil {
			return nil, fmt.Errorf("migration %s: %w", e.Name(), err)
		}
		b, err := fs.ReadFile(migrationsFS, path.Join(d.migrations, e.Name()))
		if err != nil {
			return nil, err
		}
		ms = append(ms, migration{version: v, name: e.Name(), sql: string(b)})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].version < ms[j].version })
	// Numbers are handed out to changes in flight, so one may be missing
	// until its change is merged: versions must only be unique.
	for i, m := range ms {
		if m.version < 1 || i > 0 && m.version == ms[i-1].version {
			return nil, fmt.Errorf("migration %s: version %d is not unique and positive", m.name, m.version)
		}
	}
	return ms, nil
}

// afterMigration holds the Go steps some migrations need, run in the same
// transaction as their SQL: migration 3 creates the search index and fills
// it from the articles already there.
var afterMigration = map[int]func(ctx context.Context, s *Store, tx *sql.Tx) error{
	3: func(ctx context.Context, s *Store, tx *sql.Tx) error {
		_, err := s.reindexTx(ctx, tx)
		return err
	},
}

// migrationLock is the lock key every migration transaction takes.
const migrationLock = "midad:migrate"

// migrate applies the migrations the database has not seen yet, each in its
// own transaction together with its row in schema_migrations. The version
// is read again inside each transaction, which holds the write lock (and,
// on PostgreSQL, the migration lock), so that two processes starting
// together apply each migration once.
func (s *Store) migrate(ctx context.Context) error {
	ms, err := s.dialect.loadMigrations()
	if err != nil {
		return err
	}
	// Under the migration lock: on PostgreSQL two processes creating the
	// same table at once make one of them fail.
	if err := s.inTx(ctx, func(tx *sql.Tx) error {
		if err := s.dialect.lock(ctx, tx, migrationLock); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, s.dialect.versionTable)
		return err
	}); err != nil {
		return fmt.Errorf("create schema_migrations: %w", err)
	}
	current, err := s.SchemaVersion(ctx)
	if err != nil {
		return err
	}
	if last := ms[len(ms)-1].version; current > last {
		return fmt.Errorf("database schema version %d is newer than this binary (%d)", current, last)
	}
	// Each migration not applied yet is applied, in order, even one below
	// the current version (merged after a later one).
	for _, m := range ms {
		err := s.inTx(ctx, func(tx *sql.Tx) error {
			if err := s.dialect.lock(ctx, tx, migrationLock); err != nil {
				return err
			}
			var applied int
			if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM schema_migrations WHERE version = `+
				strconv.Itoa(m.version)).Scan(&applied); err != nil {
				return err
			}
			if applied > 0 {
				return nil // another process got there first
			}
			if _, err := tx.ExecContext(ctx, m.sql); err != nil {
				return fmt.Errorf("migration %s: %w", m.name, err)
			}
			if step := afterMigration[m.version]; step != nil {
				if err := step(ctx, s, tx); err != nil {
					return fmt.Errorf("migration %s: %w", m.name, err)
				}
			}
			_, err := tx.ExecContext(ctx, s.q(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`),
				m.version, m.name, s.now().Unix())
			return err
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// SchemaVersion is the number of the last migration applied.
func (s *Store) SchemaVersion(ctx context.Context) (int, error) {
	var v sql.NullInt64
	if err := s.w.QueryRowContext(ctx, `SELECT MAX(version) FROM schema_migrations`).Scan(&v); err != nil {
		return 0, fmt.Errorf("read schema version: %w", err)
	}
	return int(v.Int64), nil
}
