package bench

import (
	"strings"

	"github.com/midad/midad/internal/news"
	"github.com/midad/midad/internal/store"
)

// Indexed is an article's words as Midad's index holds them, as sets, to
// explain a miss: which word of a query the target article lacks.
type Indexed struct {
	exact, stem map[string]bool
}

// NewIndexed analyzes a as the store does when it indexes it.
func NewIndexed(a news.Article) Indexed {
	idx := store.IndexText(a)
	set := func(texts ...string) map[string]bool {
		m := map[string]bool{}
		for _, t := range texts {
			// A stem column word may read "stem|alt|alt", the alternatives
			// colocated with the stem.
			for _, w := range strings.FieldsFunc(t, func(r rune) bool { return r == ' ' || r == '|' }) {
				m[w] = true
			}
		}
		return m
	}
	return Indexed{exact: set(idx.TitleExact, idx.BodyExact), stem: set(idx.TitleStem, idx.BodyStem)}
}

// Matches reports whether the article has the term the way the store's
// query asks for it: the word as written among the exact words, or its
// stem or one of its alternatives among the stems.
func (ix Indexed) Matches(t news.SearchTerm) bool {
	if ix.exact[t.Exact] || ix.stem[t.Stem] {
		return true
	}
	for _, a := range t.Alts {
		if ix.stem[a] {
			return true
		}
	}
	return false
}
