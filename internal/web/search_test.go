package web_test

import (
	"net/url"
	"strings"
	"testing"
)

const markedSeed = "<mark>حموشي</mark> في ضيافة رئيس مجلس الوزراء"

func TestSearchPage(t *testing.T) {
	s := newServer(t)
	long := strings.Repeat("قطر حموشي ", 560) // about 10 KB
	tests := []struct {
		name     string
		query    string
		contains []string
		lacks    []string
	}{
		{"no query", "", []string{"اكتب كلمة أو أكثر للبحث"}, []string{"<mark>"}},
		{"the byline as readers type it", "q=" + url.QueryEscape("قطيب"), []string{seedHeadline, "نتيجة واحدة"}, nil},
		{"a headline word, marked", "q=" + url.QueryEscape("حموشي"), []string{"<mark>حموشي</mark>"}, nil},
		{"hamza and ة dropped", "q=" + url.QueryEscape("الامن العام بقطر"), []string{"<mark>الأمن</mark>", "<mark>العام</mark>", "<mark>بقطر</mark>"}, nil},
		{"a section filter", "q=" + url.QueryEscape("حموشي") + "&section=sport", []string{"لا نتائج لبحثك عن"}, []string{"<mark>"}},
		{"an author filter", "q=" + url.QueryEscape("حموشي") + "&author=" + url.QueryEscape("ياسين-قطيب"), []string{markedSeed}, nil},
		{"a date filter", "q=" + url.QueryEscape("حموشي") + "&from=2022-11-01&to=2022-11-30", []string{markedSeed}, nil},
		{"a date filter that excludes", "q=" + url.QueryEscape("حموشي") + "&to=2021-01-01", []string{"لا نتائج لبحثك عن"}, nil},
		{"bad filters are ignored", "q=" + url.QueryEscape("حموشي") + "&from=yesterday&section=nope&author=nobody&sort=sideways", []string{markedSeed}, nil},
		{"a phrase", "q=" + url.QueryEscape(`"ميليبول قطر"`), []string{"حموشي في ضيافة رئيس مجلس الوزراء", "<mark>ميليبول</mark> <mark>قطر</mark>"}, nil},
		{"a phrase in guillemets", "q=" + url.QueryEscape(`«ميليبول قطر»`), []string{"حموشي في ضيافة رئيس مجلس الوزراء"}, nil},
		{"only punctuation", "q=" + url.QueryEscape(`!!! ؟؟ ...`), []string{"لم نجد في طلبك كلمات يمكن البحث عنها"}, nil},
		{"only diacritics", "q=" + url.QueryEscape("ًٌٍَُِّْ"), []string{"لم نجد في طلبك كلمات يمكن البحث عنها"}, nil},
		{"only stop words", "q=" + url.QueryEscape("في من على"), []string{"لم نجد في طلبك كلمات يمكن البحث عنها"}, nil},
		{"a lone quote", "q=" + url.QueryEscape(`"`), []string{"لم نجد في طلبك كلمات يمكن البحث عنها"}, nil},
		{"FTS operators", "q=" + url.QueryEscape(`حموشي* NEAR(قطر) OR -x : "`), []string{"لا نتائج لبحثك عن"}, nil},
		{"SQL", "q=" + url.QueryEscape(`'; DROP TABLE articles; --`), []string{"لا نتائج لبحثك عن"}, nil},
		{"a 10 KB query", "q=" + url.QueryEscape(long), []string{"<mark>حموشي</mark> في ضيافة"}, nil},
		{"invalid UTF-8", "q=%D8%A7%FF", []string{"البحث"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, body := s.get(t, "GET", "/search?"+tt.query)
			if res.StatusCode != 200 {
				t.Fatalf("status %d", res.StatusCode)
			}
			arabicPage(t, body)
			for _, want := range tt.contains {
				if !strings.Contains(body, want) {
					t.Errorf("page lacks %q", want)
				}
			}
			for _, no := range tt.lacks {
				if strings.Contains(body, no) {
					t.Errorf("page has %q", no)
				}
			}
		})
	}
	// The articles are all still there after all that.
	if _, body := s.get(t, "GET", "/"); !strings.Contains(body, seedHeadline) {
		t.Error("the front page lost the seed article")
	}
}

func TestSearchPagination(t *testing.T) {
	s := newServer(t)
	_, body := s.get(t, "GET", "/search?q="+url.QueryEscape("تونس"))
	if !strings.Contains(body, `rel="next" href="/search?q=`) {
		t.Fatal("no next page for a common word")
	}
	_, body = s.get(t, "GET", "/search?q="+url.QueryEscape("تونس")+"&sort=date&page=2")
	if !strings.Contains(body, `rel="prev"`) || !strings.Contains(body, "صفحة 2 من") {
		t.Error("page 2 has no way back")
	}
	res, _ := s.get(t, "GET", "/search?q="+url.QueryEscape("تونس")+"&page=999")
	if res.StatusCode != 404 {
		t.Errorf("a page past the end: %d", res.StatusCode)
	}
}
