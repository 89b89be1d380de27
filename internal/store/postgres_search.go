package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/midad/midad/internal/news"
)

// tsSearch is the PostgreSQL index: one tsvector per article
// (search_index.doc) under a GIN index, built in Go from the words
// IndexText analyzed, so that both backends index the same words, with
// PostgreSQL's own parser and dictionaries out of the way:
//
//   - the headline side comes first, then a gap, then the body side, so that
//     a phrase does not run from one into the other;
//   - a word as written is the lexeme itself, and its stems are the lexeme
//     after stemMark, at the word's position: alternatives share it, as
//     FTS5's colocated tokens do, so that a phrase matches through any;
//   - weights stand for FTS5's columns: A headline as written, B headline
//     stems, C body as written, D body stems, ranked 8:4:2:1 as bm25 is.
type tsSearch struct{}

// stemMark starts the lexeme of a stem; analyzed words are letters and
// digits, so a word as written never starts with it.
const stemMark = "~"

// tsMaxPos is the highest position a tsvector keeps: later words are all
// put there, and still found, but not as phrases.
const tsMaxPos = 16383

// tsMaxLexeme is below the longest lexeme PostgreSQL accepts (2046 bytes);
// longer words are cut, the same way in the index and in queries.
const tsMaxLexeme = 2000

// tsRankWeights are ts_rank's weights for D, C, B and A.
const tsRankWeights = `'{0.125, 0.25, 0.5, 1.0}'`

// tsLexeme quotes a lexeme for the text form of tsvector and tsquery.
func tsLexeme(b *strings.Builder, lexeme string) {
	if len(lexeme) > tsMaxLexeme {
		cut := tsMaxLexeme
		for cut > 0 && !utf8.RuneStart(lexeme[cut]) {
			cut--
		}
		lexeme = lexeme[:cut]
	}
	b.WriteByte('\'')
	for i := 0; i < len(lexeme); i++ {
		switch c := lexeme[i]; c {
		case '\'':
			b.WriteString("''")
		case '\\':
			b.WriteString(`\\`)
		default:
			b.WriteByte(c)
		}
	}
	b.WriteByte('\'')
}

// tsDocument writes idx as the text of a tsvector.
func tsDocument(idx news.IndexedText) string {
	positions := map[string][]string{} // lexeme → "12A", …
	var order []string
	add := func(lexeme string, pos int, weight byte) {
		if lexeme == "" || lexeme == stemMark {
			return
		}
		p, seen := positions[lexeme]
		if !seen {
			order = append(order, lexeme)
		}
		positions[lexeme] = append(p, strconv.Itoa(min(pos, tsMaxPos))+string(weight))
	}
	side := func(exact, stem string, first int, exactWeight, stemWeight byte) (last int) {
		last = first - 1
		for i, w := range strings.Fields(exact) {
			add(w, first+i, exactWeight)
			last = max(last, first+i)
		}
		for i, w := range strings.Fields(stem) {
			for _, alt := range strings.Split(w, "|") {
				if alt != "" {
					add(stemMark+alt, first+i, stemWeight)
				}
			}
			last = max(last, first+i)
		}
		return last
	}
	end := side(idx.TitleExact, idx.TitleStem, 1, 'A', 'B')
	side(idx.BodyExact, idx.BodyStem, end+2, 'C', 'D')

	var b strings.Builder
	for _, lexeme := range order {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		tsLexeme(&b, lexeme)
		b.WriteByte(':')
		b.WriteString(strings.Join(positions[lexeme], ","))
	}
	return b.String()
}

// tsQuery writes the tsquery for q: every term must match, as written or
// by one of its stems; phrases match as written or by their stems. Every
// lexeme is quoted, so nothing a reader types is read as an operator. It
// returns "" when q has nothing to look for, or a term that nothing can
// match.
func tsQuery(q news.SearchQuery) string {
	var parts []string
	for _, t := range q.Terms {
		var alts []string
		if e := tsPhrase(t.Exact, ""); e != "" {
			alts = append(alts, e)
		}
		seen := map[string]bool{}
		for _, st := range append([]string{t.Stem}, t.Alts...) {
			if st != "" && !seen[st] {
				seen[st] = true
				if p := tsPhrase(st, stemMark); p != "" {
					alts = append(alts, p)
				}
			}
		}
		if len(alts) == 0 {
			return ""
		}
		parts = append(parts, "("+strings.Join(alts, " | ")+")")
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
		var alts []string
		for _, a := range []string{tsPhrase(strings.Join(exact, " "), ""), tsPhrase(strings.Join(stems, " "), stemMark)} {
			if a != "" {
				alts = append(alts, a)
			}
		}
		if len(alts) == 0 {
			return ""
		}
		parts = append(parts, "("+strings.Join(alts, " | ")+")")
	}
	return strings.Join(parts, " & ")
}

// tsPhrase is text as FTS5's midad tokenizer reads a quoted query string:
// words at spaces, one after the other, and "a|b" as either at one place.
func tsPhrase(text, mark string) string {
	var words []string
	for _, w := range strings.Split(text, " ") {
		var alts []string
		for _, a := range strings.Split(w, "|") {
			if a == "" {
				continue
			}
			var b strings.Builder
			tsLexeme(&b, mark+a)
			alts = append(alts, b.String())
		}
		switch len(alts) {
		case 0:
		case 1:
			words = append(words, alts[0])
		default:
			words = append(words, "("+strings.Join(alts, " | ")+")")
		}
	}
	if len(words) > 1 {
		return "(" + strings.Join(words, " <-> ") + ")"
	}
	return strings.Join(words, "")
}

func (tsSearch) put(ctx context.Context, s *Store, tx *sql.Tx, id int64, idx news.IndexedText) error {
	_, err := tx.ExecContext(ctx, s.q(`INSERT INTO search_index (article_id, doc) VALUES (?, CAST(CAST(? AS text) AS tsvector))
		ON CONFLICT (article_id) DO UPDATE SET doc = excluded.doc`), id, tsDocument(idx))
	return err
}

// clear deletes rather than truncates: readers keep seeing the old index
// until the rebuild commits.
func (tsSearch) clear(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.ExecContext(ctx, `DELETE FROM search_index`)
	return err
}

// compact leaves the GIN index's pending list and dead rows to autovacuum,
// which cannot run inside a transaction.
func (tsSearch) compact(context.Context, *sql.Tx) error { return nil }

func (tsSearch) query(q news.SearchQuery) string { return tsQuery(q) }

// newestMatches finds the matches with the GIN index, keeps the newest
// (by id) that pass the filter, and ranks only those.
func (tsSearch) newestMatches(ctx context.Context, s *Store, tx *sql.Tx, expr, filter string, args []any, limit int, scored bool) ([]match, error) {
	inner := `SELECT si.article_id AS id, a.published_at FROM search_index si JOIN articles a ON a.id = si.article_id
		WHERE si.doc @@ CAST(CAST(? AS text) AS tsquery) AND ` + filter + ` ORDER BY si.article_id DESC LIMIT ?`
	query := `SELECT m.id, m.published_at, CAST(0 AS double precision) FROM (` + inner + `) m ORDER BY m.id DESC`
	all := append(append([]any{expr}, args...), limit)
	if scored {
		// ts_rank is higher for better matches; bm25, which Search's
		// ordering follows, is lower.
		query = `SELECT m.id, m.published_at,
			-CAST(ts_rank(` + tsRankWeights + `, si.doc, CAST(CAST(? AS text) AS tsquery), 1) AS double precision)
			FROM (` + inner + `) m JOIN search_index si ON si.article_id = m.id ORDER BY m.id DESC`
		all = append([]any{expr}, all...)
	}
	rows, err := tx.QueryContext(ctx, s.q(query), all...)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	out, err := scanAll(rows, scanMatch)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	return out, nil
}

// byDate pages through every match by date: the planner joins the GIN
// index's matches to the articles and keeps the top of the sort.
func (tsSearch) byDate(ctx context.Context, s *Store, tx *sql.Tx, expr, _, filter string, args []any, _ []match, from, end int) ([]match, error) {
	rows, err := tx.QueryContext(ctx, s.q(`SELECT a.id, a.published_at FROM search_index si JOIN articles a ON a.id = si.article_id
		WHERE si.doc @@ CAST(CAST(? AS text) AS tsquery) AND `+filter+`
		ORDER BY a.published_at DESC, a.id DESC LIMIT ? OFFSET ?`), append(append([]any{expr}, args...), end-from, from)...)
	if err != nil {
		return nil, fmt.Errorf("search by date: %w", err)
	}
	out, err := scanAll(rows, scanDated)
	if err != nil {
		return nil, fmt.Errorf("search by date: %w", err)
	}
	return out, nil
}
