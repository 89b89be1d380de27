package bench

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/midad/midad/internal/news"
	"github.com/ncruces/go-sqlite3"
	"github.com/ncruces/go-sqlite3/driver"
	"github.com/ncruces/go-sqlite3/ext/fts5"
)

// Legacy is the store's search as issue 5 found it, kept here, frozen, so
// that the speed benchmark times it beside the store's in the same run, on
// the same database: the full-text index read first and joined to every
// matching article, every match scored (BM25 times recency) and sorted
// with its whole row, and the count capped at MaxSearchTotal+1 through the
// same join. It opens its own read connections as the store opens its own
// (same pragmas), with a copy of the store's tokenizer, which FTS5 needs
// to parse a query.
type Legacy struct {
	db *sql.DB
}

// OpenLegacy opens the old search on the database file at path.
func OpenLegacy(path string) (*Legacy, error) {
	pragmas := "_pragma=busy_timeout(10000)&_pragma=journal_mode(wal)&_pragma=foreign_keys(1)&_pragma=synchronous(full)&_pragma=query_only(1)"
	db, err := driver.Open("file:"+(&url.URL{Path: path}).EscapedPath()+"?"+pragmas, func(c *sqlite3.Conn) error {
		return fts5.RegisterCustom(c, func(api *fts5.API) error {
			return api.CreateTokenizer("midad", func([]string) (fts5.Tokenizer, error) { return legacyTokenizer{}, nil })
		})
	})
	if err != nil {
		return nil, fmt.Errorf("open legacy search: %w", err)
	}
	db.SetMaxOpenConns(8)
	db.SetMaxIdleConns(8)
	return &Legacy{db: db}, nil
}

// Close closes the connections.
func (l *Legacy) Close() error { return l.db.Close() }

// legacyTokenizer is the store's midad tokenizer (store/tokenizer.go).
type legacyTokenizer struct{}

func (legacyTokenizer) Tokenize(_ fts5.TokenizeFlag, text, _ string, emit fts5.TokenCallback) error {
	at := 0
	for _, word := range strings.Split(text, " ") {
		start := at
		at += len(word) + 1
		if word == "" {
			continue
		}
		for i, part := range strings.Split(word, "|") {
			if part == "" {
				continue
			}
			var flags fts5.TokenFlag
			if i > 0 {
				flags = fts5.TOKEN_COLOCATED
			}
			if err := emit(flags, part, start, start+len(word)); err != nil {
				return err
			}
		}
	}
	return nil
}

// legacyFTSQuery is the store's ftsQuery as it was.
func legacyFTSQuery(q news.SearchQuery) string {
	quote := func(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }
	var parts []string
	for _, t := range q.Terms {
		alts := []string{`{title_exact body_exact} : ` + quote(t.Exact)}
		seen := map[string]bool{}
		for _, st := range append([]string{t.Stem}, t.Alts...) {
			if st != "" && !seen[st] {
				seen[st] = true
				alts = append(alts, `{title_stem body_stem} : `+quote(st))
			}
		}
		parts = append(parts, "("+strings.Join(alts, " OR ")+")")
	}
	for _, p := range q.Phrases {
		if len(p) == 0 {
			continue
		}
		exact, stems := make([]string, len(p)), make([]string, len(p))
		for i, t := range p {
			exact[i], stems[i] = t.Exact, t.Stem
		}
		parts = append(parts, `({title_exact body_exact} : `+quote(strings.Join(exact, " "))+
			` OR {title_stem body_stem} : `+quote(strings.Join(stems, " "))+`)`)
	}
	return strings.Join(parts, " AND ")
}

// legacyColumns are the article columns the old search read.
const legacyColumns = `a.id, a.slug, a.kicker, a.headline, a.summary, a.body, a.lang, a.status,
	a.published_at, a.updated_at, a.comments_closed, s.id, s.slug, s.name, s.position`

// Search is the old store's Search.
func (l *Legacy) Search(ctx context.Context, q news.SearchQuery) (news.SearchResult, error) {
	res := news.SearchResult{Page: q.Page}
	match := legacyFTSQuery(q)
	if match == "" {
		return res, nil
	}
	conds := []string{`search_index MATCH ?`, `a.status = 'published'`, `a.published_at <= ?`}
	args := []any{match, q.Now.Unix()}
	if q.SectionID != 0 {
		conds = append(conds, `a.section_id = ?`)
		args = append(args, q.SectionID)
	}
	if q.AuthorID != 0 {
		conds = append(conds, `a.id IN (SELECT article_id FROM article_authors WHERE author_id = ?)`)
		args = append(args, q.AuthorID)
	}
	if !q.From.IsZero() {
		conds = append(conds, `a.published_at >= ?`)
		args = append(args, q.From.Unix())
	}
	if !q.To.IsZero() {
		conds = append(conds, `a.published_at < ?`)
		args = append(args, q.To.Unix())
	}
	where := strings.Join(conds, " AND ")
	from := ` FROM search_index CROSS JOIN articles a ON a.id = search_index.rowid CROSS JOIN sections s ON s.id = a.section_id WHERE `
	if err := l.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM (SELECT 1`+from+where+` LIMIT ?)`,
		append(args, news.MaxSearchTotal+1)...).Scan(&res.Total); err != nil {
		return res, fmt.Errorf("count search results: %w", err)
	}
	if res.Total > news.MaxSearchTotal {
		res.Total, res.More = news.MaxSearchTotal, true
	}
	if res.Total == 0 {
		return res, nil
	}
	score := `bm25(search_index, 8.0, 4.0, 2.0, 1.0) * (1.0 + 0.5 * 30.0 / (30.0 + MAX(0, ? - a.published_at) / 86400.0))`
	order := `score, a.published_at DESC, a.id DESC`
	if q.Sort == news.SortDate {
		order = `a.published_at DESC, a.id DESC`
	}
	rows, err := l.db.QueryContext(ctx, `SELECT `+legacyColumns+`, `+score+` AS score`+from+where+
		` ORDER BY `+order+` LIMIT ? OFFSET ?`, append(append([]any{q.Now.Unix()}, args...), q.Page.Size, q.Page.Offset())...)
	if err != nil {
		return res, fmt.Errorf("search: %w", err)
	}
	defer rows.Close()
	var list []news.Article
	for rows.Next() {
		var a news.Article
		var published, updated int64
		var sc float64
		if err := rows.Scan(&a.ID, &a.Slug, &a.Kicker, &a.Headline, &a.Summary, &a.Body, &a.Lang, &a.Status,
			&published, &updated, &a.CommentsClosed, &a.Section.ID, &a.Section.Slug, &a.Section.Name, &a.Section.Position, &sc); err != nil {
			return res, fmt.Errorf("scan search hit: %w", err)
		}
		a.Published, a.Updated = time.Unix(published, 0).UTC(), time.Unix(updated, 0).UTC()
		list = append(list, a)
		res.Hits = append(res.Hits, news.SearchHit{Score: sc})
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return res, fmt.Errorf("search: %w", err)
	}
	if err := l.attach(ctx, list); err != nil {
		return res, err
	}
	for i := range list {
		res.Hits[i].Article = list[i]
	}
	return res, nil
}

// attach is the store's: authors and tags, one query each.
func (l *Legacy) attach(ctx context.Context, list []news.Article) error {
	if len(list) == 0 {
		return nil
	}
	index := make(map[int64]int, len(list))
	ids := make([]any, len(list))
	for i, a := range list {
		index[a.ID] = i
		ids[i] = a.ID
	}
	in := "(" + strings.TrimSuffix(strings.Repeat("?,", len(ids)), ",") + ")"
	rows, err := l.db.QueryContext(ctx, `SELECT aa.article_id, au.id, au.slug, au.name, au.bio
		FROM article_authors aa JOIN authors au ON au.id = aa.author_id
		WHERE aa.article_id IN `+in+` ORDER BY aa.article_id, aa.position`, ids...)
	if err != nil {
		return fmt.Errorf("load authors: %w", err)
	}
	for rows.Next() {
		var id int64
		var au news.Author
		if err := rows.Scan(&id, &au.ID, &au.Slug, &au.Name, &au.Bio); err != nil {
			rows.Close()
			return err
		}
		list[index[id]].Authors = append(list[index[id]].Authors, au)
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return fmt.Errorf("load authors: %w", err)
	}
	rows, err = l.db.QueryContext(ctx, `SELECT at.article_id, t.id, t.slug, t.name
		FROM article_tags at JOIN tags t ON t.id = at.tag_id
		WHERE at.article_id IN `+in+` ORDER BY at.article_id, t.name`, ids...)
	if err != nil {
		return fmt.Errorf("load tags: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var t news.Tag
		if err := rows.Scan(&id, &t.ID, &t.Slug, &t.Name); err != nil {
			return err
		}
		list[index[id]].Tags = append(list[index[id]].Tags, t)
	}
	return rows.Err()
}
