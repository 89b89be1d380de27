package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
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
	if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM search_index WHERE rowid = ?`), a.ID); err != nil {
		return fmt.Errorf("unindex article %d: %w", a.ID, err)
	}
	idx := IndexText(a)
	if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO search_index (rowid, title_exact, title_stem, body_exact, body_stem)
		VALUES (?, ?, ?, ?, ?)`), a.ID, idx.TitleExact, idx.TitleStem, idx.BodyExact, idx.BodyStem); err != nil {
		return fmt.Errorf("index article %d: %w", a.ID, err)
	}
	return nil
}

// bylines reads an article's authors and tags within tx.
func (s *Store) bylines(ctx context.Context, tx *sql.Tx, id int64) ([]news.Author, []news.Tag, error) {
	var authors []news.Author
	var tags []news.Tag
	rows, err := tx.QueryContext(ctx, s.q(`SELECT au.id, au.slug, au.name, au.bio FROM article_authors aa
		JOIN authors au ON au.id = aa.author_id WHERE aa.article_id = ? ORDER BY aa.position`), id)
	if err != nil {
		return nil, nil, fmt.Errorf("read bylines: %w", err)
	}
	for rows.Next() {
		var au news.Author
		if err := rows.Scan(&au.ID, &au.Slug, &au.Name, &au.Bio); err != nil {
			rows.Close()
			return nil, nil, err
		}
		authors = append(authors, au)
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return nil, nil, fmt.Errorf("read bylines: %w", err)
	}
	rows, err = tx.QueryContext(ctx, s.q(`SELECT t.id, t.slug, t.name FROM article_tags at
		JOIN tags t ON t.id = at.tag_id WHERE at.article_id = ? ORDER BY t.name`), id)
	if err != nil {
		return nil, nil, fmt.Errorf("read tags: %w", err)
	}
	for rows.Next() {
		var t news.Tag
		if err := rows.Scan(&t.ID, &t.Slug, &t.Name); err != nil {
			rows.Close()
			return nil, nil, err
		}
		tags = append(tags, t)
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
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
	if _, err := tx.ExecContext(ctx, `DELETE FROM search_index`); err != nil {
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
			return n, nil
		}
		for _, a := range batch {
			if err := s.index(ctx, tx, a); err != nil {
				return n, err
			}
			n++
		}
		after = batch[len(batch)-1].ID
	}
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

// Search finds the visible articles that match q. Relevance is BM25 over
// the columns — the headline's words as written weigh most, the body's
// stems least — scaled up a little for recent articles.
func (s *Store) Search(ctx context.Context, q news.SearchQuery) (news.SearchResult, error) {
	res := news.SearchResult{Page: q.Page}
	match := ftsQuery(q)
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
	// CROSS JOIN makes SQLite read the full-text index first and look up
	// the articles it found; left to choose, without statistics it walks
	// every visible article and runs the match once for each, which takes
	// seconds on a large archive.
	from := ` FROM search_index CROSS JOIN articles a ON a.id = search_index.rowid CROSS JOIN sections s ON s.id = a.section_id WHERE `

	// Counting stops past MaxSearchTotal: nobody pages through more, and
	// counting every match of a common word costs more than the search.
	if err := s.r.QueryRowContext(ctx, s.q(`SELECT COUNT(*) FROM (SELECT 1`+from+where+` LIMIT ?)`),
		append(args, news.MaxSearchTotal+1)...).Scan(&res.Total); err != nil {
		return res, fmt.Errorf("count search results: %w", err)
	}
	if res.Total > news.MaxSearchTotal {
		res.Total, res.More = news.MaxSearchTotal, true
	}
	if res.Total == 0 {
		return res, nil
	}
	// bm25 is negative, better when lower; the recency factor runs from 1.5
	// for today's articles down towards 1 for old ones.
	score := `bm25(search_index, 8.0, 4.0, 2.0, 1.0) * (1.0 + 0.5 * 30.0 / (30.0 + MAX(0, ? - a.published_at) / 86400.0))`
	order := `score, a.published_at DESC, a.id DESC`
	if q.Sort == news.SortDate {
		order = `a.published_at DESC, a.id DESC`
	}
	rows, err := s.r.QueryContext(ctx, s.q(`SELECT `+articleColumns+`, `+score+` AS score`+from+where+
		` ORDER BY `+order+` LIMIT ? OFFSET ?`), append(append([]any{q.Now.Unix()}, args...), q.Page.Size, q.Page.Offset())...)
	if err != nil {
		return res, fmt.Errorf("search: %w", err)
	}
	defer rows.Close()
	var list []news.Article
	var scores []float64
	for rows.Next() {
		var sc float64
		a, err := scanArticle(rows, &sc)
		if err != nil {
			return res, fmt.Errorf("scan search hit: %w", err)
		}
		list = append(list, a)
		scores = append(scores, sc)
	}
	if err := rows.Err(); err != nil {
		return res, fmt.Errorf("search: %w", err)
	}
	rows.Close()
	if err := s.attach(ctx, list); err != nil {
		return res, err
	}
	for i, a := range list {
		res.Hits = append(res.Hits, news.SearchHit{Article: a, Score: scores[i]})
	}
	return res, nil
}
