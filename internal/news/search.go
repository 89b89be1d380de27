package news

import "time"

// SearchTerm is one word of a reader's query, analyzed: it matches an
// article that has the word as written (Exact, weighed most), its light
// stem, or one of the stems it may stand for without a clitic.
type SearchTerm struct {
	Exact string
	Stem  string
	Alts  []string
}

// Search sort orders.
const (
	SortRelevance = "relevance"
	SortDate      = "date"
)

// SearchQuery is an analyzed query with its filters. Every term must match;
// each phrase must match as consecutive words.
type SearchQuery struct {
	Terms     []SearchTerm
	Phrases   [][]SearchTerm // consecutive words, in order
	Now       time.Time      // only articles visible at Now; recency is measured from it
	SectionID int64
	AuthorID  int64
	From, To  time.Time // published within [From, To); zero means open
	Sort      string
	Page      Page
}

// SearchHit is one found article with its score (lower is better).
type SearchHit struct {
	Article Article
	Score   float64
}

// MaxSearchTotal is as far as a search counts its results.
const MaxSearchTotal = 1000

// SearchResult is one page of hits and how many there are in all, or
// MaxSearchTotal and More when there are more.
type SearchResult struct {
	Hits  []SearchHit
	Total int
	More  bool
	Page  Page
}

// Pages is the number of pages the total spans.
func (r SearchResult) Pages() int {
	return ArticleList{Total: r.Total, Page: r.Page}.Pages()
}

// IndexedText is an article's text as the search index keeps it: analyzed
// words, space-separated, for the headline side (headline, kicker) and the
// body side (summary, body, bylines, tags). In the stem columns a word may
// read "stem|alt": alternatives at the same position.
type IndexedText struct {
	TitleExact, TitleStem string
	BodyExact, BodyStem   string
}
