// Package search answers readers' queries: it analyzes the query with the
// same Arabic analyzer that built the index, asks the store, and marks the
// matched words, in their original spelling, in headlines and snippets.
package search

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/midad/midad/internal/arabic"
	"github.com/midad/midad/internal/news"
)

// MaxTerms bounds the words of a query that are searched; a pasted page of
// text is searched by its first words rather than refused.
const MaxTerms = 12

// maxQueryBytes bounds how much of a query is even read.
const maxQueryBytes = 4 << 10

// Store runs analyzed queries.
type Store interface {
	Search(ctx context.Context, q news.SearchQuery) (news.SearchResult, error)
}

// Service is the search service.
type Service struct {
	store Store
}

// New returns the search service.
func New(st Store) *Service { return &Service{store: st} }

// Request is a reader's search.
type Request struct {
	Query     string
	SectionID int64
	AuthorID  int64
	From, To  time.Time
	Sort      string
	Page      news.Page
	Now       time.Time
}

// Segment is a piece of text, marked when it is a matched word.
type Segment struct {
	Text string
	Mark bool
}

// Hit is a found article with its headline and a snippet of its text, both
// cut into segments for highlighting.
type Hit struct {
	Article  news.Article
	Headline []Segment
	Snippet  []Segment
}

// Result is one page of hits.
type Result struct {
	Hits       []Hit
	Total      int
	More       bool // there are more than Total
	Page       news.Page
	Searchable bool // false when the query had no word to search for
}

// Pages is the number of pages the total spans.
func (r Result) Pages() int {
	return news.ArticleList{Total: r.Total, Page: r.Page}.Pages()
}

// Search runs a reader's query.
func (s *Service) Search(ctx context.Context, req Request) (Result, error) {
	terms, phrases := Parse(req.Query)
	res := Result{Page: req.Page}
	if len(terms) == 0 && len(phrases) == 0 {
		return res, nil
	}
	res.Searchable = true
	sort := news.SortRelevance
	if req.Sort == news.SortDate {
		sort = news.SortDate
	}
	found, err := s.store.Search(ctx, news.SearchQuery{
		Terms: terms, Phrases: phrases, Now: req.Now,
		SectionID: req.SectionID, AuthorID: req.AuthorID, From: req.From, To: req.To,
		Sort: sort, Page: req.Page,
	})
	if err != nil {
		return res, err
	}
	res.Total, res.More = found.Total, found.More
	m := newMatcher(terms, phrases)
	for _, h := range found.Hits {
		a := h.Article
		text := news.PlainText(a.Body)
		if a.Summary != "" {
			text = a.Summary + "\n" + text
		}
		res.Hits = append(res.Hits, Hit{
			Article:  a,
			Headline: m.highlight(a.Headline),
			Snippet:  m.snippet(text, 40),
		})
	}
	return res, nil
}

// Parse analyzes a query: words in double quotes are a phrase, the rest
// are terms; stop words are dropped, as they were from the index. Nothing
// in a query is an operator.
func Parse(raw string) (terms []news.SearchTerm, phrases [][]news.SearchTerm) {
	if len(raw) > maxQueryBytes {
		raw = raw[:maxQueryBytes]
	}
	raw = strings.ToValidUTF8(raw, " ")
	for _, q := range []string{"«", "»", "“", "”", "„"} {
		raw = strings.ReplaceAll(raw, q, `"`)
	}
	parts := strings.Split(raw, `"`)
	if len(parts)%2 == 0 { // an unclosed quote: no phrase
		parts = []string{strings.Join(parts, " ")}
	}
	seen := map[string]bool{}
	count := 0
	for i, part := range parts {
		var words []news.SearchTerm
		for _, t := range arabic.Tokenize(part) {
			if t.Stop || count >= MaxTerms {
				continue
			}
			count++
			if i%2 == 1 {
				words = append(words, news.SearchTerm{Exact: t.Exact, Stem: t.Stem})
				continue
			}
			if seen[t.Exact] {
				continue
			}
			seen[t.Exact] = true
			// Readers drop hamzas: المانيه may be ألمانية, whose ال is its
			// own (the index keeps that stem for words written with one).
			alts := t.Alts
			if keep := arabic.StemKeepingAl(t.Exact); keep != "" && !slices.Contains(alts, keep) {
				alts = append(slices.Clip(alts), keep)
			}
			terms = append(terms, news.SearchTerm{Exact: t.Exact, Stem: t.Stem, Alts: alts})
		}
		switch {
		case len(words) == 1:
			terms = append(terms, words[0])
		case len(words) > 1:
			phrases = append(phrases, words)
		}
	}
	return terms, phrases
}

// matcher recognizes the words of a text that a query matched.
type matcher struct {
	exact, stems map[string]bool
}

func newMatcher(terms []news.SearchTerm, phrases [][]news.SearchTerm) matcher {
	m := matcher{exact: map[string]bool{}, stems: map[string]bool{}}
	for _, t := range terms {
		m.exact[t.Exact] = true
		m.stems[t.Stem] = true
		for _, a := range t.Alts {
			m.stems[a] = true
		}
	}
	for _, p := range phrases {
		for _, w := range p {
			m.exact[w.Exact] = true
			m.stems[w.Stem] = true
		}
	}
	return m
}

func (m matcher) matches(t arabic.Token) bool {
	if t.Stop {
		return false
	}
	if m.exact[t.Exact] || m.stems[t.Stem] {
		return true
	}
	for _, a := range t.Alts {
		if m.stems[a] {
			return true
		}
	}
	return false
}

// highlight cuts the whole text into segments, marking matched words.
func (m matcher) highlight(text string) []Segment {
	return m.segments(text, arabic.Tokenize(text), 0, len(text))
}

func (m matcher) segments(text string, tokens []arabic.Token, from, to int) []Segment {
	var out []Segment
	at := from
	for _, t := range tokens {
		if t.Start < from || t.End > to || !m.matches(t) {
			continue
		}
		if t.Start > at {
			out = append(out, Segment{Text: text[at:t.Start]})
		}
		out = append(out, Segment{Text: text[t.Start:t.End], Mark: true})
		at = t.End
	}
	if at < to {
		out = append(out, Segment{Text: text[at:to]})
	}
	return out
}

// snippet picks the window of about `words` words with the most matches
// and cuts it into segments, with an ellipsis where the text goes on.
func (m matcher) snippet(text string, words int) []Segment {
	text = strings.Join(strings.Fields(text), " ")
	tokens := arabic.Tokenize(text)
	if len(tokens) == 0 {
		return nil
	}
	best, bestCount := 0, -1
	count := 0
	hit := make([]bool, len(tokens))
	for i, t := range tokens {
		hit[i] = m.matches(t)
	}
	for i := range tokens {
		if hit[i] {
			count++
		}
		if i >= words && hit[i-words] {
			count--
		}
		if start := max(0, i-words+1); count > bestCount {
			best, bestCount = start, count
		}
	}
	// Start a few words before the window's first match, for context.
	for i := best; i < min(len(tokens), best+words); i++ {
		if hit[i] {
			best = max(0, i-5)
			break
		}
	}
	end := min(len(tokens), best+words)
	from, to := tokens[best].Start, tokens[end-1].End
	if best == 0 {
		from = 0
	}
	if end == len(tokens) {
		to = len(text)
	}
	segs := m.segments(text, tokens, from, to)
	if from > 0 {
		segs = append([]Segment{{Text: "… "}}, segs...)
	}
	if to < len(text) {
		segs = append(segs, Segment{Text: " …"})
	}
	return segs
}
