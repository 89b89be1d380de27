package store

import (
	"context"
	"database/sql"
	"fmt"
	"hash/fnv"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
)

// postgresDialect is PostgreSQL's: "$n" placeholders, advisory locks where
// SQLite's single writer made check-then-write safe, row locks for the
// version check, BOOLEAN flags, and the tsvector search index.
var postgresDialect = dialect{
	name:       "postgres",
	migrations: "migrations/postgres",
	rebind:     rebindDollar,
	versionTable: `CREATE TABLE IF NOT EXISTS schema_migrations (
		version    INTEGER PRIMARY KEY,
		name       TEXT    NOT NULL,
		applied_at BIGINT  NOT NULL
	)`,
	lock: advisoryLock,
	// NO KEY: comments inserted meanwhile reference the article (a KEY
	// SHARE lock) and need not wait for the save.
	forUpdate: " FOR NO KEY UPDATE",
	trueValue: "TRUE",
	rowID:     "ctid",
	// Repeatable read: a search's count, ranking and page come from one
	// snapshot, as they do in SQLite's read transaction.
	readTx: &sql.TxOptions{ReadOnly: true, Isolation: sql.LevelRepeatableRead},
	search: tsSearch{},
}

// ConnectTimeout bounds how long a new connection to PostgreSQL may take.
const ConnectTimeout = 5 * time.Second

// postgresConns is the size of a node's connection pool. Writers do not
// queue in Go as they do on SQLite, so reads and writes share one pool.
const postgresConns = 16

func openPostgres(ctx context.Context, dsn string) (*Store, error) {
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("postgres dsn %s: %w", redactDSN(dsn), err)
	}
	// Prepared statements are planned for the values they run with. The
	// plan PostgreSQL would otherwise settle on after five runs, made for
	// any tsquery, walks the whole index for a rare word: 1 s instead of
	// 25 ms for ترامب on 100k articles.
	if _, set := cfg.RuntimeParams["plan_cache_mode"]; !set {
		cfg.RuntimeParams["plan_cache_mode"] = "force_custom_plan"
	}
	// A server that does not answer is given up on in seconds, not after
	// the operating system's TCP timeout: a reader waiting on it is told
	// to come back (503) instead (connect_timeout in the DSN overrides).
	if cfg.ConnectTimeout == 0 {
		cfg.ConnectTimeout = ConnectTimeout
	}
	db := stdlib.OpenDB(*cfg)
	db.SetMaxOpenConns(postgresConns)
	db.SetMaxIdleConns(postgresConns)
	db.SetConnMaxIdleTime(5 * time.Minute)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("connect to postgres %s: %w", redactDSN(dsn), err)
	}
	s := &Store{w: db, r: db, dialect: postgresDialect, now: time.Now}
	s.listen(cfg)
	return s, nil
}

// redactDSN hides the password of a DSN that is printed.
func redactDSN(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil {
		return "(unparsable dsn)"
	}
	// A password may also be a parameter (?password=…), which Redacted
	// leaves as it is.
	if q := u.Query(); q.Has("password") {
		q.Set("password", "xxxxx")
		u.RawQuery = q.Encode()
	}
	return u.Redacted()
}

// rebindDollar turns the "?" placeholders of a query into PostgreSQL's $1,
// $2, …, leaving alone what is quoted ('…', "…"), dollar-quoted or in a
// comment.
func rebindDollar(q string) string {
	if !strings.Contains(q, "?") {
		return q
	}
	var b strings.Builder
	b.Grow(len(q) + 8)
	n := 0
	for i := 0; i < len(q); {
		c := q[i]
		switch {
		case c == '?':
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			i++
			continue
		case c == '\'' || c == '"':
			// A doubled quote inside is an escaped quote: the loop sees
			// two strings back to back, which copies the same bytes.
			end := strings.IndexByte(q[i+1:], c)
			if end < 0 {
				b.WriteString(q[i:])
				return b.String()
			}
			b.WriteString(q[i : i+end+2])
			i += end + 2
			continue
		case c == '-' && strings.HasPrefix(q[i:], "--"):
			end := strings.IndexByte(q[i:], '\n')
			if end < 0 {
				b.WriteString(q[i:])
				return b.String()
			}
			b.WriteString(q[i : i+end])
			i += end
			continue
		case c == '/' && strings.HasPrefix(q[i:], "/*"):
			end := strings.Index(q[i+2:], "*/")
			if end < 0 {
				b.WriteString(q[i:])
				return b.String()
			}
			b.WriteString(q[i : i+end+4])
			i += end + 4
			continue
		case c == '$':
			// $tag$…$tag$ (or $$…$$); $1 is a placeholder already.
			if tag, ok := dollarTag(q[i:]); ok {
				end := strings.Index(q[i+len(tag):], tag)
				if end < 0 {
					b.WriteString(q[i:])
					return b.String()
				}
				b.WriteString(q[i : i+2*len(tag)+end])
				i += 2*len(tag) + end
				continue
			}
		}
		b.WriteByte(c)
		i++
	}
	return b.String()
}

// dollarTag returns the opening tag of a dollar-quoted string at the start
// of s ("$$" or "$name$").
func dollarTag(s string) (string, bool) {
	for j := 1; j < len(s); j++ {
		c := s[j]
		switch {
		case c == '$':
			return s[:j+1], true
		case c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c >= 0x80 || j > 1 && '0' <= c && c <= '9':
		default:
			return "", false
		}
	}
	return "", false
}

// advisoryLock takes PostgreSQL's transaction-level advisory lock on each
// key (a 64-bit hash of it), in a fixed order so that two transactions
// that want the same keys cannot wait for each other. The locks are
// released when tx ends.
func advisoryLock(ctx context.Context, tx *sql.Tx, keys ...string) error {
	ids := make([]int64, 0, len(keys))
	for _, k := range keys {
		h := fnv.New64a()
		h.Write([]byte(k))
		ids = append(ids, int64(h.Sum64()))
	}
	slices.Sort(ids)
	ids = slices.Compact(ids)
	for _, id := range ids {
		if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock($1)`, id); err != nil {
			return fmt.Errorf("lock: %w", err)
		}
	}
	return nil
}

// checkPostgres is Check on PostgreSQL, whose storage checks itself as it
// reads: the server answers, the schema is the one this binary expects,
// and no index was left invalid (as a failed CREATE INDEX CONCURRENTLY
// leaves one).
func (s *Store) checkPostgres(ctx context.Context) error {
	if err := s.Ping(ctx); err != nil {
		return fmt.Errorf("integrity check: %w", err)
	}
	ms, err := s.dialect.loadMigrations()
	if err != nil {
		return err
	}
	v, err := s.SchemaVersion(ctx)
	if err != nil {
		return fmt.Errorf("integrity check: %w", err)
	}
	var applied int
	if err := s.r.QueryRowContext(ctx, `SELECT COUNT(*) FROM schema_migrations`).Scan(&applied); err != nil {
		return fmt.Errorf("integrity check: %w", err)
	}
	if last := ms[len(ms)-1].version; v != last || applied != len(ms) {
		return fmt.Errorf("integrity check: schema version %d with %d migrations, want %d with %d", v, applied, last, len(ms))
	}
	rows, err := s.r.QueryContext(ctx, `SELECT c.relname FROM pg_index i
		JOIN pg_class c ON c.oid = i.indexrelid
		JOIN pg_namespace n ON n.oid = c.relnamespace
		WHERE n.nspname = current_schema() AND NOT (i.indisvalid AND i.indisready)
		ORDER BY c.relname`)
	if err != nil {
		return fmt.Errorf("integrity check: %w", err)
	}
	var bad []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			rows.Close()
			return fmt.Errorf("integrity check: %w", err)
		}
		bad = append(bad, name)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("integrity check: %w", err)
	}
	rows.Close()
	if len(bad) > 0 {
		return fmt.Errorf("integrity check: invalid indexes %s", strings.Join(bad, ", "))
	}
	return nil
}
