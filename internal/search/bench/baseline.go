package bench

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"strings"
	"unicode"

	"github.com/ncruces/go-sqlite3/driver"
	"github.com/ncruces/go-sqlite3/ext/fts5"
)

// Baseline is the search a site gets from SQLite without an analyzer: an
// FTS5 table over the raw headline and text with the default tokenizer
// (unicode61, which splits Arabic words at every haraka and folds nothing
// Arabic), queried with every word required, ranked by bm25. It is what
// Midad's relevance is measured against.
type Baseline struct {
	db *sql.DB
}

// OpenBaseline creates the baseline's database in the file at path.
func OpenBaseline(ctx context.Context, path string) (*Baseline, error) {
	db, err := driver.Open("file:"+(&url.URL{Path: path}).EscapedPath()+"?_pragma=journal_mode(wal)", fts5.Register)
	if err != nil {
		return nil, fmt.Errorf("open baseline: %w", err)
	}
	db.SetMaxOpenConns(1)
	if _, err := db.ExecContext(ctx, `CREATE VIRTUAL TABLE baseline USING fts5(title, body)`); err != nil {
		db.Close()
		return nil, fmt.Errorf("create baseline: %w", err)
	}
	return &Baseline{db: db}, nil
}

// Close closes the baseline's database.
func (b *Baseline) Close() error { return b.db.Close() }

// Add indexes the records in one transaction, each under the id Midad gave
// it, so that both systems' hits are judged against the same ids.
func (b *Baseline) Add(ctx context.Context, recs []Record, ids []int64) error {
	tx, err := b.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for i, rec := range recs {
		if _, err := tx.ExecContext(ctx, `INSERT INTO baseline (rowid, title, body) VALUES (?, ?, ?)`,
			ids[i], rec.Title, strings.Join(rec.Paragraphs, "\n")); err != nil {
			return fmt.Errorf("baseline %s: %w", rec.Docno, err)
		}
	}
	return tx.Commit()
}

// BaselineMatch is the FTS5 query the baseline runs for a reader's query:
// the query's space-separated words, each in double quotes so that nothing
// is an operator, joined by spaces (an implicit AND). Words without a
// letter or a digit (a lone colon or dash) would be empty phrases and are
// left out.
func BaselineMatch(query string) string {
	var parts []string
	for _, w := range strings.Fields(query) {
		if !strings.ContainsFunc(w, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) {
			continue
		}
		parts = append(parts, `"`+strings.ReplaceAll(w, `"`, `""`)+`"`)
	}
	return strings.Join(parts, " ")
}

// Search returns the ids of the best limit articles for query, best first,
// and how many match in all.
func (b *Baseline) Search(ctx context.Context, query string, limit int) (ids []int64, total int, err error) {
	match := BaselineMatch(query)
	if match == "" {
		return nil, 0, nil
	}
	if err := b.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM baseline WHERE baseline MATCH ?`, match).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("baseline count %q: %w", match, err)
	}
	rows, err := b.db.QueryContext(ctx, `SELECT rowid FROM baseline WHERE baseline MATCH ? ORDER BY bm25(baseline), rowid LIMIT ?`, match, limit)
	if err != nil {
		return nil, 0, fmt.Errorf("baseline search %q: %w", match, err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, 0, err
		}
		ids = append(ids, id)
	}
	return ids, total, rows.Err()
}
