package search

import (
	"fmt"
	"strings"
	"testing"

	"github.com/midad/midad/internal/news"
)

func TestParse(t *testing.T) {
	tests := []struct {
		in      string
		terms   []string // exact forms
		phrases []string // exact forms joined by spaces
	}{
		{"قُطيب", []string{"قطيب"}, nil},
		{"الأمن العام بقطر", []string{"الامن", "العام", "بقطر"}, nil},
		{`"ميليبول قطر" حموشي`, []string{"حموشي"}, []string{"ميليبول قطر"}},
		{`«كأس العالم»`, nil, []string{"كاس العالم"}},
		{`"قطر"`, []string{"قطر"}, nil},
		{`"قطر`, []string{"قطر"}, nil},
		{"في من على", nil, nil},
		{"!!! ؟؟", nil, nil},
		{"ًٌٍ", nil, nil},
		{"قطر قطر قطر", []string{"قطر"}, nil},
		{`NEAR(a b) OR "x" -y *z`, []string{"near", "b", "or", "x", "y", "z"}, nil},
		{"قطر\xffمغرب", []string{"قطر", "مغرب"}, nil},
	}
	for _, tt := range tests {
		terms, phrases := Parse(tt.in)
		var gotTerms, gotPhrases []string
		for _, t := range terms {
			gotTerms = append(gotTerms, t.Exact)
		}
		for _, p := range phrases {
			var words []string
			for _, w := range p {
				words = append(words, w.Exact)
			}
			gotPhrases = append(gotPhrases, strings.Join(words, " "))
		}
		if fmt.Sprint(gotTerms) != fmt.Sprint(tt.terms) || fmt.Sprint(gotPhrases) != fmt.Sprint(tt.phrases) {
			t.Errorf("Parse(%q) = %v %v, want %v %v", tt.in, gotTerms, gotPhrases, tt.terms, tt.phrases)
		}
	}
}

func TestParseBoundsLongQueries(t *testing.T) {
	var words []string
	for i := range 5000 {
		words = append(words, fmt.Sprintf("كلمة%d", i))
	}
	terms, _ := Parse(strings.Join(words, " "))
	if len(terms) != MaxTerms {
		t.Errorf("%d terms from a 5,000-word query, want %d", len(terms), MaxTerms)
	}
}

func render(segs []Segment) string {
	var b strings.Builder
	for _, s := range segs {
		if s.Mark {
			b.WriteString("[" + s.Text + "]")
		} else {
			b.WriteString(s.Text)
		}
	}
	return b.String()
}

func TestHighlightKeepsOriginalSpelling(t *testing.T) {
	terms, phrases := Parse("قطيب الامن قطر")
	m := newMatcher(terms, phrases)
	tests := []struct{ in, want string }{
		{"ياسين قُطيب", "ياسين [قُطيب]"},
		{"مدير الأمن العام بقطر", "مدير [الأمن] العام [بقطر]"},
		{"لا شيء هنا", "لا شيء هنا"},
	}
	for _, tt := range tests {
		if got := render(m.highlight(tt.in)); got != tt.want {
			t.Errorf("highlight(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSnippet(t *testing.T) {
	terms, phrases := Parse("ميليبول")
	m := newMatcher(terms, phrases)
	var words []string
	for i := range 100 {
		words = append(words, fmt.Sprintf("w%d", i))
	}
	words[60] = "«ميليبول"
	text := strings.Join(words, " ")
	got := render(m.snippet(text, 20))
	if !strings.HasPrefix(got, "… w55 ") || !strings.Contains(got, "«[ميليبول]") || !strings.HasSuffix(got, " …") {
		t.Errorf("snippet = %q", got)
	}
	short := render(m.snippet("نص قصير عن ميليبول", 20))
	if short != "نص قصير عن [ميليبول]" {
		t.Errorf("short snippet = %q", short)
	}
	if got := m.snippet("", 20); got != nil {
		t.Errorf("empty text gives %v", got)
	}
}

func TestSearchSkipsUnsearchable(t *testing.T) {
	svc := New(nil) // never reached: nothing to search
	res, err := svc.Search(t.Context(), Request{Query: "في من", Page: news.Page{Number: 1, Size: 10}})
	if err != nil || res.Searchable || res.Total != 0 {
		t.Errorf("got %+v, %v", res, err)
	}
}
