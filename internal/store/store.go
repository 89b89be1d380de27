// Package store keeps Midad's content in a SQL database. Open picks the
// backend from the DSN; the queries are written once, with "?" placeholders,
// and the dialect rewrites what differs.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/midad/midad/internal/news"
	"github.com/ncruces/go-sqlite3"
	"github.com/ncruces/go-sqlite3/driver"
	"github.com/ncruces/go-sqlite3/ext/fts5"
)

// Store reads and writes content. Writes go through w and reads through r:
// on SQLite w is a single connection, so writers queue in Go rather than
// fight over the database lock, while readers share a pool.
type Store struct {
	w, r    *sql.DB
	dialect dialect
	now     func() time.Time
	gen     generation // generation.go
}

// dialect is the one place where the backends differ.
type dialect struct {
	name       string
	migrations string // directory inside migrationsFS
	rebind     func(query string) string
	// versionTable creates schema_migrations if it is not there.
	versionTable string
	// lock holds, until tx ends, a lock on each key, so that transactions
	// that check rows before they write (a rate limit, a duplicate) take
	// turns. SQLite has one writer at a time already: a no-op there.
	lock func(ctx context.Context, tx *sql.Tx, keys ...string) error
	// forUpdate ends a SELECT of a row the transaction is about to change,
	// so that a concurrent writer waits for it ("" where writers queue).
	forUpdate string
	// rowID names a row's physical identity, to delete one of several
	// identical rows.
	rowID string
	// trueValue is how a boolean column is compared with true in SQL:
	// SQLite stores flags as 1, and its partial indexes match "= 1" only.
	trueValue string
	// readTx is how a read that must see one state of the database begins.
	readTx *sql.TxOptions
	// search is the full-text index (search.go, postgres_search.go).
	search searchEngine
}

var sqliteDialect = dialect{
	name:       "sqlite",
	migrations: "migrations/sqlite",
	rebind:     func(q string) string { return q },
	versionTable: `CREATE TABLE IF NOT EXISTS schema_migrations (
		version    INTEGER PRIMARY KEY,
		name       TEXT    NOT NULL,
		applied_at INTEGER NOT NULL
	)`,
	lock:      func(context.Context, *sql.Tx, ...string) error { return nil },
	trueValue: "1",
	rowID:     "rowid",
	readTx:    &sql.TxOptions{ReadOnly: true},
	search:    fts5Search{},
}

// Open connects to the database named by dsn and brings its schema up to
// date. A dsn of the form "sqlite:PATH" (or a bare path) opens a SQLite file,
// creating it if needed; "postgres://…" or "postgresql://…" connects to a
// PostgreSQL server.
func Open(ctx context.Context, dsn string) (*Store, error) {
	var s *Store
	var err error
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		s, err = openPostgres(ctx, dsn)
	} else {
		path, ok := strings.CutPrefix(dsn, "sqlite:")
		if !ok && strings.Contains(dsn, "://") {
			return nil, fmt.Errorf("unsupported database %q: use sqlite:PATH or postgres://…", redactDSN(dsn))
		}
		s, err = openSQLite(path)
	}
	if err != nil {
		return nil, err
	}
	if err := s.migrate(ctx); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

func openSQLite(path string) (*Store, error) {
	if path == "" {
		return nil, errors.New("empty sqlite path")
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
		return nil, fmt.Errorf("create data directory: %w", err)
	}
	// FULL synchronous mode: a commit that returned has reached the disk, so
	// neither a killed process nor a power cut loses acknowledged writes.
	// busy_timeout comes first so that the pragmas after it wait for a lock
	// held by another process (a moderation command beside the server).
	pragmas := "_pragma=busy_timeout(10000)&_pragma=journal_mode(wal)&_pragma=foreign_keys(1)&_pragma=synchronous(full)"
	base := "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + pragmas
	w, err := driver.Open(base+"&_txlock=immediate", initConn)
	if err != nil {
		return nil, fmt.Errorf("open sqlite: %w", err)
	}
	w.SetMaxOpenConns(1)
	w.SetConnMaxLifetime(0)
	w.SetConnMaxIdleTime(0)
	// Switching a new file to WAL needs a lock that SQLite does not wait
	// for; another process opening the same file at the same moment makes
	// the first attempt fail, so try a few times.
	for attempt := 0; ; attempt++ {
		err = w.Ping()
		if err == nil {
			break
		}
		if attempt == 20 || !strings.Contains(err.Error(), "locked") && !strings.Contains(err.Error(), "busy") {
			w.Close()
			return nil, fmt.Errorf("open sqlite %s: %w", path, err)
		}
		time.Sleep(time.Duration(attempt+1) * 10 * time.Millisecond)
	}
	r, err := driver.Open(base+"&_pragma=query_only(1)", initConn)
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("open sqlite: %w", err)
	}
	r.SetMaxOpenConns(8)
	r.SetMaxIdleConns(8)
	r.SetConnMaxIdleTime(5 * time.Minute)
	s := &Store{w: w, r: r, dialect: sqliteDialect, now: time.Now}
	s.gen.wal = path + "-wal"
	s.checkLog() // opens the log's index
	s.checkLog()
	s.watchFile()
	return s, nil
}

// initConn prepares each new SQLite connection: the full-text search
// extension and its tokenizer are loaded per connection.
func initConn(c *sqlite3.Conn) error {
	return fts5.RegisterCustom(c, func(api *fts5.API) error {
		return api.CreateTokenizer("midad", func([]string) (fts5.Tokenizer, error) { return midadTokenizer{}, nil })
	})
}

// Close releases the database connections.
func (s *Store) Close() error {
	s.stopListening()
	if s.r == s.w {
		return s.w.Close()
	}
	return errors.Join(s.r.Close(), s.w.Close())
}

// Ping reports whether the database answers, for health checks.
func (s *Store) Ping(ctx context.Context) error {
	var one int
	return s.r.QueryRowContext(ctx, "SELECT 1").Scan(&one)
}

// Backend names the database in use ("sqlite" or "postgres").
func (s *Store) Backend() string { return s.dialect.name }

func (s *Store) q(query string) string { return s.dialect.rebind(query) }

// inTx runs fn in a write transaction, committing if it returns nil.
func (s *Store) inTx(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	if err := s.announce(ctx, tx); err != nil {
		tx.Rollback()
		return fmt.Errorf("announce: %w", err)
	}
	// Whether or not the commit went through, pages rendered before it
	// are no longer to be trusted.
	err = tx.Commit()
	s.bump()
	if err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// updateOne runs a statement that must change exactly one row, and
// answers news.ErrNotFound when it changed none.
func (s *Store) updateOne(ctx context.Context, tx *sql.Tx, what, query string, args ...any) error {
	res, err := tx.ExecContext(ctx, s.q(query), args...)
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	if n == 0 {
		return news.ErrNotFound
	}
	return nil
}

// uniqueViolation turns a unique-constraint failure into news.ErrExists.
// SQLite says "UNIQUE constraint failed", PostgreSQL "violates unique
// constraint".
func uniqueViolation(err error) error {
	if err != nil && strings.Contains(strings.ToLower(err.Error()), "unique") {
		return news.ErrExists
	}
	return err
}

// scanAll reads every row with scan and closes rows.
func scanAll[T any](rows *sql.Rows, scan func(scanner) (T, error)) ([]T, error) {
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

func unix(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.Unix()
}

func fromUnix(sec int64) time.Time {
	if sec == 0 {
		return time.Time{}
	}
	return time.Unix(sec, 0).UTC()
}
