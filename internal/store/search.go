package store

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/midad/midad/internal/arabic"
	"github.com/midad/midad/internal/news"
)

// IndexText analyzes an article into the words the search index keeps:
// folded words and their stems, without stop words, each stem with its
// clitic-free alternatives at the same position; the headline side holds headline and kicker, the body
// side the summary, body, bylines and tags. The analysis is Go's, so that
// every backend indexes the same words.
func IndexText(a news.Article) news.IndexedText {
	// Bylines and tags are found too: a reader types the author's name.
	var extra []string
	for _, au := range a.Authors {
		extra = append(extra, au.Name)
	}
	for _, t := range a.Tags {
		extra = append(extra, t.Name)
	}
	var idx news.IndexedText
	idx.TitleExact, idx.TitleStem = analyzed(a.Headline + "\n" + a.Kicker)
	idx.BodyExact, idx.BodyStem = analyzed(a.Summary + "\n" + news.PlainText(a.Body) + "\n" + strings.Join(extra, "\n"))
	return idx
}

func analyzed(text string) (exact, stem string) {
	var e, s strings.Builder
	for _, t := range arabic.Tokenize(text) {
		if t.Stop {
			continue
		}
		e.WriteString(t.Exact)
		e.WriteByte(' ')
		s.WriteString(t.Stem)
		for _, alt := range t.Alts {
			s.WriteByte('|')
			s.WriteString(alt)
		}
		s.WriteByte(' ')
	}
	return e.String(), s.String()
}

// index puts an article's words in the search index, replacing what was
// there, inside the caller's transaction. Bylines and tags are read back
// from the database, so the index holds what is stored, whatever the caller
// filled in.
func (s *Store) index(ctx context.Context, tx *sql.Tx, a news.Article) error {
	var err error
	if a.Authors, a.Tags, err = s.bylines(ctx, tx, a.ID); err != nil {
		return err
	}
	if err := s.dialect.search.put(ctx, s, tx, a.ID, IndexText(a)); err != nil {
		return fmt.Errorf("index article %d: %w", a.ID, err)
	}
	return nil
}

// searchEngine is a backend's full-text index: FTS5 on SQLite (below),
// tsvector on PostgreSQL (postgres_search.go). Both keep what IndexText
// analyzed and find the same articles; Search ranks and pages in Go.
type searchEngine interface {
	// put replaces the article's entry.
	put(ctx context.Context, s *Store, tx *sql.Tx, id int64, idx news.IndexedText) error
	// clear empties the index before a rebuild, and compact follows it.
	clear(ctx context.Context, tx *sql.Tx) error
	compact(ctx context.Context, tx *sql.Tx) error
	// query is the match expression for q, "" if q asks for nothing.
	query(q news.SearchQuery) string
	// newestMatches and byDate are described at Store.newestMatches and
	// Store.byDate.
	newestMatches(ctx context.Context, s *Store, tx *sql.Tx, expr, filter string, args []any, limit int, scored bool) ([]match, error)
	byDate(ctx context.Context, s *Store, tx *sql.Tx, expr, index, filter string, args []any, window []match, from, end int) ([]match, error)
}

// fts5Search is the SQLite index: an FTS5 table with the midad tokenizer.
type fts5Search struct{}

func (fts5Search) put(ctx context.Context, s *Store, tx *sql.Tx, id int64, idx news.IndexedText) error {
	if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM search_index WHERE rowid = ?`), id); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, s.q(`INSERT INTO search_index (rowid, title_exact, title_stem, body_exact, body_stem)
		VALUES (?, ?, ?, ?, ?)`), id, idx.TitleExact, idx.TitleStem, idx.BodyExact, idx.BodyStem)
	return err
}

func (fts5Search) clear(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.ExecContext(ctx, `DELETE FROM search_index`)
	return err
}

// compact merges the index into one segment, which is read 10–25% faster
// than as the inserts leave it; on 100k articles this takes seconds.
func (fts5Search) compact(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO search_index (search_index) VALUES ('optimize')`)
	return err
}

func (fts5Search) query(q news.SearchQuery) string { return ftsQuery(q) }

func (fts5Search) newestMatches(ctx context.Context, s *Store, tx *sql.Tx, expr, filter string, args []any, limit int, scored bool) ([]match, error) {
	return s.newestMatches(ctx, tx, expr, filter, args, limit, scored)
}

func (fts5Search) byDate(ctx context.Context, s *Store, tx *sql.Tx, expr, index, filter string, args []any, window []match, from, end int) ([]match, error) {
	return s.byDate(ctx, tx, expr, index, filter, args, window, from, end)
}

// bylines reads an article's authors and tags within tx.
func (s *Store) bylines(ctx context.Context, tx *sql.Tx, id int64) ([]news.Author, []news.Tag, error) {
	rows, err := tx.QueryContext(ctx, s.q(`SELECT au.id, au.slug, au.name, au.bio FROM article_authors aa
		JOIN authors au ON au.id = aa.author_id WHERE aa.article_id = ? ORDER BY aa.position`), id)
	if err != nil {
		return nil, nil, fmt.Errorf("read bylines: %w", err)
	}
	authors, err := scanAll(rows, scanAuthor)
	if err != nil {
		return nil, nil, fmt.Errorf("read bylines: %w", err)
	}
	rows, err = tx.QueryContext(ctx, s.q(`SELECT t.id, t.slug, t.name FROM article_tags at
		JOIN tags t ON t.id = at.tag_id WHERE at.article_id = ? ORDER BY t.name`), id)
	if err != nil {
		return nil, nil, fmt.Errorf("read tags: %w", err)
	}
	tags, err := scanAll(rows, func(row scanner) (news.Tag, error) {
		var t news.Tag
		err := row.Scan(&t.ID, &t.Slug, &t.Name)
		return t, err
	})
	if err != nil {
		return nil, nil, fmt.Errorf("read tags: %w", err)
	}
	return authors, tags, nil
}

// reindexBatch is how many articles Reindex holds in memory at a time.
const reindexBatch = 500

// Reindex rebuilds the whole search index from the articles, in one
// transaction: readers see the old index until the new one is complete.
func (s *Store) Reindex(ctx context.Context) (int, error) {
	var n int
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var err error
		n, err = s.reindexTx(ctx, tx)
		return err
	})
	return n, err
}

func (s *Store) reindexTx(ctx context.Context, tx *sql.Tx) (int, error) {
	if err := s.dialect.search.clear(ctx, tx); err != nil {
		return 0, fmt.Errorf("clear search index: %w", err)
	}
	n := 0
	var after int64
	for {
		// Only the columns the index reads, which every schema version since
		// migration 3 has: the migration runs this too.
		rows, err := tx.QueryContext(ctx, s.q(`SELECT id, kicker, headline, summary, body FROM articles
			WHERE id > ? ORDER BY id LIMIT ?`), after, reindexBatch)
		if err != nil {
			return n, fmt.Errorf("read articles: %w", err)
		}
		var batch []news.Article
		for rows.Next() {
			var a news.Article
			err := rows.Scan(&a.ID, &a.Kicker, &a.Headline, &a.Summary, &a.Body)
			if err != nil {
				rows.Close()
				return n, fmt.Errorf("scan article: %w", err)
			}
			batch = append(batch, a)
		}
		if err := errors.Join(rows.Err(), rows.Close()); err != nil {
			return n, fmt.Errorf("read articles: %w", err)
		}
		if len(batch) == 0 {
			break
		}
		for _, a := range batch {
			if err := s.index(ctx, tx, a); err != nil {
				return n, err
			}
			n++
		}
		after = batch[len(batch)-1].ID
	}
	if err := s.dialect.search.compact(ctx, tx); err != nil {
		return n, fmt.Errorf("optimize search index: %w", err)
	}
	return n, nil
}

// ftsQuery writes the FTS5 query for q: every term must match, as written
// or by one of its stems; phrases match as written or by their stems. Every
// word is quoted, so nothing a reader types is read as an FTS operator.
func ftsQuery(q news.SearchQuery) string {
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
	// A phrase matches its words as written, or their stems: "كأس العالم"
	// finds "لكأس العالم".
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

// searchWindow is how many matches a search reads from the index at most,
// newest (highest id) first: one more than MaxSearchTotal, so that it also
// counts them. A query with fewer visible matches is ranked whole, exactly
// as BM25 and recency order it; one with more is ranked among its
// searchWindow newest, because scoring every match of a common word (two
// articles in five contain تونس) is what made searching slow, and no
// reader pages past MaxSearchTotal. A date range reaches older matches.
const searchWindow = news.MaxSearchTotal + 1

// probeCost is what checking one article against the index costs (a
// query of its own, which parses the match expression again), in units of
// what listing one match costs: the two ways byDate finds matches older
// than the window.
const probeCost = 80

// match is an article a search found, with what ranks it.
type match struct {
	id, published int64
	score         float64
}

// Search finds the visible articles that match q. Relevance is BM25 over
// the columns — the headline's words as written weigh most, the body's
// stems least — scaled up a little for recent articles; among the
// searchWindow newest matches when there are more (see searchWindow). A
// search sorted by date is exact however many articles match, and its
// hits carry no score.
//
// Unpublished and future articles are in the index, so every match is
// checked against the articles_visible index, which holds what that needs
// without reading the article.
func (s *Store) Search(ctx context.Context, q news.SearchQuery) (news.SearchResult, error) {
	res := news.SearchResult{Page: q.Page}
	expr := s.dialect.search.query(q)
	if expr == "" {
		return res, nil
	}
	// One read transaction, so that the count, the ranking and the page
	// come from the same state of the database.
	tx, err := s.r.BeginTx(ctx, s.dialect.readTx)
	if err != nil {
		return res, fmt.Errorf("search: %w", err)
	}
	defer tx.Rollback()

	from, end := q.Page.Offset(), q.Page.Offset()+max(0, q.Page.Size)
	byRelevance := q.Sort != news.SortDate
	// Relevance ranks the window and nothing past it, however deep the page
	// asked for (a page past it is empty: scoring every match is what the
	// window is there to avoid); date order is exact at any depth.
	window := searchWindow
	if !byRelevance {
		window = max(searchWindow, end)
	}
	filter, args := searchFilter(q)
	// The articles in date order, within a section if the query has one.
	// Named, because with statistics (ANALYZE) the planner prefers to look
	// every match up and sort them.
	byDateIndex := `articles_by_date`
	if q.SectionID != 0 {
		byDateIndex = `articles_by_section`
	}
	matches, err := s.dialect.search.newestMatches(ctx, s, tx, expr, filter, args, window, byRelevance)
	if err != nil {
		return res, err
	}
	res.Total = len(matches)
	if res.Total > news.MaxSearchTotal {
		res.Total, res.More = news.MaxSearchTotal, true
	}
	var page []match
	switch {
	case byRelevance:
		now := q.Now.Unix()
		for i, m := range matches {
			// bm25 is negative, better when lower; the recency factor runs
			// from 1.5 for today's articles down towards 1 for old ones.
			age := float64(max(0, now-m.published)) / 86400.0
			matches[i].score = m.score * (1.0 + 0.5*30.0/(30.0+age))
		}
		slices.SortFunc(matches, func(a, b match) int {
			return cmp.Or(cmp.Compare(a.score, b.score), cmp.Compare(b.published, a.published), cmp.Compare(b.id, a.id))
		})
		// The window's extra match only says there are more.
		n := min(len(matches), news.MaxSearchTotal)
		page = matches[min(from, n):min(end, n)]
	case len(matches) < window:
		// Every match is known: sort them.
		slices.SortFunc(matches, newestFirst)
		page = matches[min(from, len(matches)):min(end, len(matches))]
	default:
		if page, err = s.dialect.search.byDate(ctx, s, tx, expr, byDateIndex, filter, args, matches, from, end); err != nil {
			return res, err
		}
	}
	list, err := s.articlesByID(ctx, tx, page)
	if err != nil {
		return res, err
	}
	if err := tx.Commit(); err != nil {
		return res, fmt.Errorf("search: %w", err)
	}
	if err := s.attach(ctx, list); err != nil {
		return res, err
	}
	for i, a := range list {
		res.Hits = append(res.Hits, news.SearchHit{Article: a, Score: page[i].score})
	}
	return res, nil
}

// searchFilter is the condition on the article a, and its arguments, that
// makes a match a hit: visible at q.Now, and in q's section, byline and
// dates. It reads only what the articles_visible index holds, and
// article_authors by its key.
func searchFilter(q news.SearchQuery) (string, []any) {
	conds := []string{`a.status = 'published'`, `a.published_at <= ?`}
	args := []any{q.Now.Unix()}
	if q.SectionID != 0 {
		conds = append(conds, `a.section_id = ?`)
		args = append(args, q.SectionID)
	}
	if q.AuthorID != 0 {
		conds = append(conds, `EXISTS (SELECT 1 FROM article_authors aa WHERE aa.article_id = a.id AND aa.author_id = ?)`)
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
	return strings.Join(conds, " AND "), args
}

// newestMatches reads, newest first, up to limit articles that match expr
// and pass filter, with their BM25 score if scored. FTS5 walks its
// index in rowid order for free; the articles_visible index answers the
// filter; bm25 is computed only for the rows that pass it. (Asking FTS5
// for the best-ranked matches instead, ORDER BY rank LIMIT, scores every
// match first: 140 ms for تونس on 100k articles.)
func (s *Store) newestMatches(ctx context.Context, tx *sql.Tx, expr, filter string, args []any, limit int, scored bool) ([]match, error) {
	score := `0.0`
	if scored {
		score = `bm25(search_index, 8.0, 4.0, 2.0, 1.0)`
	}
	// CROSS JOIN: the index first (left to choose, without statistics the
	// planner walks every article and runs the match for each); INDEXED BY:
	// the planner prefers the table's own key, which reads the whole
	// article row to find its status.
	rows, err := tx.QueryContext(ctx, s.q(`SELECT search_index.rowid, a.published_at, `+score+`
		FROM search_index CROSS JOIN articles a INDEXED BY articles_visible ON a.id = search_index.rowid
		WHERE search_index MATCH ? AND `+filter+`
		ORDER BY search_index.rowid DESC LIMIT ?`), append(append([]any{expr}, args...), limit)...)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	out, err := scanAll(rows, scanMatch)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	return out, nil
}

// scanMatch reads a match with its score; scanDated one without.
func scanMatch(row scanner) (match, error) {
	var m match
	err := row.Scan(&m.id, &m.published, &m.score)
	return m, err
}

func scanDated(row scanner) (match, error) {
	var m match
	err := row.Scan(&m.id, &m.published)
	return m, err
}

func newestFirst(a, b match) int {
	return cmp.Or(cmp.Compare(b.published, a.published), cmp.Compare(b.id, a.id))
}

// byDate returns the matches from..end by date, newest first, when there
// are more than the window of newest matches (by id) that newestMatches
// read. Publication dates mostly follow ids, so it walks the articles by
// date and takes those the window holds; an article older (by id) than the
// window is checked against the index alone. When those checks promise to
// cost more than listing every match would (byDateAll) — dates that do not
// follow ids, as after an archive is imported — it lists them instead.
func (s *Store) byDate(ctx context.Context, tx *sql.Tx, expr, index, filter string, args []any, window []match, from, end int) ([]match, error) {
	inWindow := make(map[int64]bool, len(window))
	oldest, newest := window[0].id, window[0].id
	for _, m := range window {
		inWindow[m.id] = true
		oldest, newest = min(oldest, m.id), max(newest, m.id)
	}
	// The matches there are in all, guessed from how densely the window's
	// span of ids matches, and what listing them costs in checks.
	budget := len(window) * int(newest) / int(newest-oldest+1) / probeCost
	walk, err := tx.QueryContext(ctx, s.q(`SELECT a.id, a.published_at FROM articles a INDEXED BY `+index+`
		WHERE `+filter+` ORDER BY a.published_at DESC, a.id DESC`), args...)
	if err != nil {
		return nil, fmt.Errorf("search by date: %w", err)
	}
	defer walk.Close()
	probe, err := tx.PrepareContext(ctx, s.q(`SELECT count(*) FROM search_index WHERE search_index MATCH ? AND rowid = ?`))
	if err != nil {
		return nil, fmt.Errorf("search by date: %w", err)
	}
	defer probe.Close()
	var found []match
	probes, hits := 0, 0
	for len(found) < end && walk.Next() {
		var m match
		if err := walk.Scan(&m.id, &m.published); err != nil {
			return nil, fmt.Errorf("search by date: %w", err)
		}
		if m.id >= oldest {
			if inWindow[m.id] {
				found = append(found, m)
			}
			continue
		}
		// After a few checks, the rate at which they find matches says how
		// many more the page needs.
		if probes >= 8 && probes+(end-len(found))*(probes+1)/(hits+1) > budget {
			walk.Close()
			return s.byDateAll(ctx, tx, expr, index, filter, args, from, end)
		}
		probes++
		var n int
		if err := probe.QueryRowContext(ctx, expr, m.id).Scan(&n); err != nil {
			return nil, fmt.Errorf("search by date: %w", err)
		}
		if n > 0 {
			hits++
			found = append(found, m)
		}
	}
	if err := walk.Err(); err != nil {
		return nil, fmt.Errorf("search by date: %w", err)
	}
	return found[min(from, len(found)):], nil
}

// byDateAll is byDate by way of every match: the index lists them once,
// and the walk by date keeps those listed.
func (s *Store) byDateAll(ctx context.Context, tx *sql.Tx, expr, index, filter string, args []any, from, end int) ([]match, error) {
	rows, err := tx.QueryContext(ctx, s.q(`SELECT a.id, a.published_at FROM articles a INDEXED BY `+index+` WHERE `+filter+`
		AND a.id IN (SELECT rowid FROM search_index WHERE search_index MATCH ?)
		ORDER BY a.published_at DESC, a.id DESC LIMIT ? OFFSET ?`), append(append(slices.Clone(args), expr), end-from, from)...)
	if err != nil {
		return nil, fmt.Errorf("search by date: %w", err)
	}
	out, err := scanAll(rows, scanDated)
	if err != nil {
		return nil, fmt.Errorf("search by date: %w", err)
	}
	return out, nil
}

// articlesByID reads the page's articles, in the page's order.
func (s *Store) articlesByID(ctx context.Context, tx *sql.Tx, page []match) ([]news.Article, error) {
	if len(page) == 0 {
		return nil, nil
	}
	ids := make([]any, len(page))
	at := make(map[int64]int, len(page))
	for i, m := range page {
		ids[i] = m.id
		at[m.id] = i
	}
	rows, err := tx.QueryContext(ctx, s.q(`SELECT `+articleColumns+articleFrom+` WHERE a.id IN (`+
		strings.TrimSuffix(strings.Repeat("?,", len(ids)), ",")+`)`), ids...)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	defer rows.Close()
	list := make([]news.Article, len(page))
	n := 0
	for rows.Next() {
		a, err := scanArticle(rows)
		if err != nil {
			return nil, fmt.Errorf("scan search hit: %w", err)
		}
		list[at[a.ID]] = a
		n++
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	if n != len(page) {
		return nil, fmt.Errorf("search: %d of %d hits read", n, len(page))
	}
	return list, nil
}
