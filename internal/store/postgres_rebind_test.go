package store

import (
	"testing"

	"github.com/midad/midad/internal/news"
)

func TestRebindDollar(t *testing.T) {
	tests := []struct{ in, want string }{
		{`SELECT 1`, `SELECT 1`},
		{`SELECT * FROM t WHERE a = ? AND b = ?`, `SELECT * FROM t WHERE a = $1 AND b = $2`},
		{`WHERE a = '?' AND b = ?`, `WHERE a = '?' AND b = $1`},
		{`WHERE a = 'it''s ?' AND b = ?`, `WHERE a = 'it''s ?' AND b = $1`},
		{`SELECT "odd?col" FROM t WHERE x = ?`, `SELECT "odd?col" FROM t WHERE x = $1`},
		{"SELECT ? -- why?\n, ?", "SELECT $1 -- why?\n, $2"},
		{`SELECT /* ? */ ?`, `SELECT /* ? */ $1`},
		{`SELECT $$ ? $$, $q$ ? $q$, ?`, `SELECT $$ ? $$, $q$ ? $q$, $1`},
		{`VALUES (?, CAST(CAST(? AS text) AS tsvector))`, `VALUES ($1, CAST(CAST($2 AS text) AS tsvector))`},
		{`WHERE a = 'unterminated ?`, `WHERE a = 'unterminated ?`},
		{`(?,?,?,?,?,?,?,?,?,?,?)`, `($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)`},
		{`WHERE a = ? -- end`, `WHERE a = $1 -- end`},
	}
	for _, tt := range tests {
		if got := rebindDollar(tt.in); got != tt.want {
			t.Errorf("rebindDollar(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestTSQuery(t *testing.T) {
	tests := []struct {
		q    news.SearchQuery
		want string
	}{
		{news.SearchQuery{}, ""},
		{news.SearchQuery{Terms: []news.SearchTerm{{Exact: "قطر", Stem: "قطر"}}}, `('قطر' | '~قطر')`},
		{news.SearchQuery{Terms: []news.SearchTerm{{Exact: "وبقطر", Stem: "بقطر", Alts: []string{"قطر", "بقطر"}}}},
			`('وبقطر' | '~بقطر' | '~قطر')`},
		{news.SearchQuery{Terms: []news.SearchTerm{{Exact: `it's \ & | ! <-> :*`}}},
			`(('it''s' <-> '\\' <-> '&' <-> '!' <-> '<->' <-> ':*'))`},
		{news.SearchQuery{Terms: []news.SearchTerm{{}}}, ""},
		{news.SearchQuery{Phrases: [][]news.SearchTerm{{{Exact: "لكأس", Stem: "كأس"}, {Exact: "العالم", Stem: "عالم"}}}},
			`(('لكأس' <-> 'العالم') | ('~كأس' <-> '~عالم'))`},
	}
	for _, tt := range tests {
		if got := tsQuery(tt.q); got != tt.want {
			t.Errorf("tsQuery(%+v) = %s, want %s", tt.q, got, tt.want)
		}
	}
}

func TestTSDocument(t *testing.T) {
	got := tsDocument(news.IndexedText{
		TitleExact: "لكأس العالم ", TitleStem: "كأس|لكأس عالم ",
		BodyExact: "it's ", BodyStem: "it's ",
	})
	want := `'لكأس':1A 'العالم':2A '~كأس':1B '~لكأس':1B '~عالم':2B 'it''s':4C '~it''s':4D`
	if got != want {
		t.Errorf("tsDocument = %s\nwant %s", got, want)
	}
}
