package storetest

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/midad/midad/internal/news"
	"github.com/midad/midad/internal/search"
	"github.com/midad/midad/internal/store"
)

// query analyzes words with the search service's parser.
func query(words ...string) news.SearchQuery {
	var q news.SearchQuery
	for _, w := range words {
		terms, _ := search.Parse(w)
		q.Terms = append(q.Terms, terms...)
	}
	q.Page = news.Page{Number: 1, Size: 10}
	q.Now = base.Add(365 * 24 * time.Hour)
	return q
}

func searchSlugs(t *testing.T, s *store.Store, q news.SearchQuery) []string {
	t.Helper()
	res, err := s.Search(context.Background(), q)
	must(t, err)
	var out []string
	for _, h := range res.Hits {
		out = append(out, h.Article.Slug)
	}
	if res.Total < len(out) {
		t.Errorf("total %d below the %d hits", res.Total, len(out))
	}
	return out
}

func testSearch(t *testing.T, s *store.Store) {
	ctx := context.Background()
	f := newFixture(t, s)
	add := func(slug, headline, body string, sec news.Section, published time.Time, status news.Status, authors ...news.Author) {
		a := f.article(slug, sec, published, authors...)
		a.Headline, a.Body, a.Status = headline, body, status
		must(t, s.CreateArticle(ctx, &a))
	}
	add("seed", "حموشي في ضيافة رئيس مجلس الوزراء ومدير الأمن العام بقطر",
		"<p>واكبت الصحافة القطرية زيارة عبد اللطيف حموشي للمعرض الدولي «ميليبول قطر 2022».</p>",
		f.first, base, news.Published, f.yassine)
	add("sport", "المنتخب المغربي يستعد لكأس العالم",
		"<p>يواصل المنتخب استعداداته في الدوحة قبل المونديال، وقال المدرب إن اللاعبين جاهزون.</p>",
		f.sport, base.Add(24*time.Hour), news.Published, f.fm)
	add("minister", "وزير الداخلية يزور المعرض",
		"<p>زار الوزير معرض الكتاب في الرباط.</p>", f.first, base.Add(48*time.Hour), news.Published, f.fm)
	add("germany", "المعارضة الألمانية تحذر", "<p>حذرت المعارضة في ألمانيا من اتفاقية الهجرة.</p>", f.first, base, news.Published, f.fm)
	add("name", "تكريم الورغي في سوسة", "<p>كرّمت الجمعية الفنان الورغي.</p>", f.sport, base, news.Published, f.fm)
	add("draft", "مسودة عن قطر لم تنشر", "<p>قطر</p>", f.first, base, news.Draft, f.fm)
	add("future", "خبر عن قطر في المستقبل", "<p>قطر</p>", f.first, base.Add(2*365*24*time.Hour), news.Published, f.fm)

	tests := []struct {
		name string
		q    news.SearchQuery
		want []string
	}{
		{"the byline's unvowelled name is not needed; the headline word is", query("حموشي"), []string{"seed"}},
		{"hamza dropped and ة as ه", query("الدوله", "القطريه"), []string{"seed"}},
		{"without ال", query("صحافة"), []string{"seed"}},
		{"with a clitic", query("وبقطر"), []string{"seed"}},
		{"digits in any script", query("٢٠٢٢"), []string{"seed"}},
		{"root-initial waw kept", query("وزير"), []string{"minister"}},
		{"every term must match", query("المنتخب", "الدوحة"), []string{"sport"}},
		{"no match", query("برشلونة"), nil},
		{"a hamza-alef word typed without its hamza", query("المانيه"), []string{"germany"}},
		{"the same word with the article", query("الألمانية"), []string{"germany"}},
		{"and without", query("ألمانية"), []string{"germany"}},
		{"a family name beginning with و, typed without ال", query("ورغي"), []string{"name"}},
		{"drafts and future articles are not found", query("مسودة"), nil},
		// The draft and the future article have the word in their headline,
		// the only visible match only in its body.
		{"a better match that is not visible is not found", query("قطر"), []string{"seed"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := searchSlugs(t, s, tt.q); fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}

	t.Run("filters", func(t *testing.T) {
		q := query("المعرض")
		if got := searchSlugs(t, s, q); len(got) != 2 {
			t.Fatalf("المعرض: %v", got)
		}
		q.SectionID = f.sport.ID
		if got := searchSlugs(t, s, q); got != nil {
			t.Errorf("in sport: %v", got)
		}
		q = query("المعرض")
		q.AuthorID = f.yassine.ID
		if got := searchSlugs(t, s, q); fmt.Sprint(got) != "[seed]" {
			t.Errorf("by Yassine: %v", got)
		}
		q = query("المعرض")
		q.From = base.Add(time.Hour)
		if got := searchSlugs(t, s, q); fmt.Sprint(got) != "[minister]" {
			t.Errorf("from a date: %v", got)
		}
		q = query("المعرض")
		q.To = base.Add(time.Hour)
		if got := searchSlugs(t, s, q); fmt.Sprint(got) != "[seed]" {
			t.Errorf("to a date: %v", got)
		}
	})

	t.Run("invisible articles are not counted", func(t *testing.T) {
		for _, sort := range []string{news.SortRelevance, news.SortDate} {
			q := query("قطر")
			q.Sort = sort
			res, err := s.Search(ctx, q)
			must(t, err)
			if res.Total != 1 || res.More || len(res.Hits) != 1 {
				t.Errorf("%s: total %d, more %v, %d hits; want 1, false, 1", sort, res.Total, res.More, len(res.Hits))
			}
		}
		// At its time the future article is found.
		q := query("المستقبل")
		q.Now = base.Add(3 * 365 * 24 * time.Hour)
		if got := searchSlugs(t, s, q); fmt.Sprint(got) != "[future]" {
			t.Errorf("once published: %v", got)
		}
	})

	t.Run("sort by date", func(t *testing.T) {
		q := query("المعرض")
		q.Sort = news.SortDate
		if got := searchSlugs(t, s, q); fmt.Sprint(got) != "[minister seed]" {
			t.Errorf("by date: %v", got)
		}
	})

	t.Run("phrase", func(t *testing.T) {
		phrase := func(words ...string) news.SearchQuery {
			q := query()
			var p []news.SearchTerm
			for _, w := range words {
				p = append(p, query(w).Terms...)
			}
			q.Phrases = [][]news.SearchTerm{p}
			return q
		}
		if got := searchSlugs(t, s, phrase("لكأس", "العالم")); fmt.Sprint(got) != "[sport]" {
			t.Errorf("phrase as written: %v", got)
		}
		if got := searchSlugs(t, s, phrase("كأس", "العالم")); fmt.Sprint(got) != "[sport]" {
			t.Errorf("phrase without its clitic: %v", got)
		}
		if got := searchSlugs(t, s, phrase("العالم", "كأس")); got != nil {
			t.Errorf("reversed phrase: %v", got)
		}
	})

	t.Run("operators are text", func(t *testing.T) {
		for _, w := range []string{`"`, `*`, `-`, `:`, `NEAR`, `OR`, `'; DROP TABLE articles; --`, `title_exact:قطر`, `{body_stem}`} {
			q := query(w)
			q.Terms = append(q.Terms, news.SearchTerm{Exact: w, Stem: w})
			if _, err := s.Search(ctx, q); err != nil {
				t.Errorf("%q: %v", w, err)
			}
		}
		if n, err := s.CountArticles(ctx); err != nil || n != 7 {
			t.Errorf("articles after odd queries: %d %v", n, err)
		}
	})

	t.Run("reindex", func(t *testing.T) {
		n, err := s.Reindex(ctx)
		must(t, err)
		if n != 7 {
			t.Errorf("reindexed %d articles, want 7", n)
		}
		if got := searchSlugs(t, s, query("حموشي")); fmt.Sprint(got) != "[seed]" {
			t.Errorf("after reindex: %v", got)
		}
	})
}

// testSearchIndexFollowsWrites: a failed article write leaves nothing in the
// index, since both happen in one transaction.
func testSearchIndexFollowsWrites(t *testing.T, s *store.Store) {
	ctx := context.Background()
	f := newFixture(t, s)
	ghost := f.article("ghost", f.first, base, news.Author{ID: 99999, Slug: "x", Name: "x"})
	ghost.Headline = "شبح لا يُحفظ"
	if err := s.CreateArticle(ctx, &ghost); err == nil {
		t.Fatal("stored an article with an unknown author")
	}
	res, err := s.Search(ctx, query("شبح"))
	must(t, err)
	if res.Total != 0 {
		t.Errorf("the failed article is in the index: %d hits", res.Total)
	}
}

// testSearchCountStops: counting stops past news.MaxSearchTotal, and says
// there are more. A search with more matches than that still pages: by
// date exactly, by relevance through one ranking, page after page; and
// never shows an article that is not visible, however well it matches.
func testSearchCountStops(t *testing.T, s *store.Store) {
	ctx := context.Background()
	f := newFixture(t, s)
	// More matches than the store ranks at once, created in an order unlike
	// their dates (as when an archive is imported after the newsroom
	// started), so that the newest by date are not the newest by id.
	const n = news.MaxSearchTotal + 100
	for k := range n {
		i := k * 219 % n
		a := f.article(fmt.Sprintf("n-%d", i), f.sport, base.Add(time.Duration(i)*time.Minute), f.fm)
		a.Headline = "مباراة الترجي رقم " + fmt.Sprint(i)
		must(t, s.CreateArticle(ctx, &a))
	}
	// The best matches of all, and the newest, but not for readers.
	for i, st := range []news.Status{news.Draft, news.InReview, news.Scheduled, news.Unpublished, news.Published} {
		a := f.article(fmt.Sprintf("hidden-%d", i), f.sport, base.Add(time.Duration(n+i)*time.Minute), f.fm)
		a.Headline, a.Status = "الترجي الترجي الترجي", st
		if st == news.Published {
			a.Published = base.Add(2 * 365 * 24 * time.Hour) // after the query's Now
		}
		must(t, s.CreateArticle(ctx, &a))
	}
	page := func(sort string, number int, filters ...func(*news.SearchQuery)) news.SearchResult {
		t.Helper()
		q := query("الترجي")
		q.Sort, q.Page.Number = sort, number
		for _, f := range filters {
			f(&q)
		}
		res, err := s.Search(ctx, q)
		must(t, err)
		for _, h := range res.Hits {
			if strings.HasPrefix(h.Article.Slug, "hidden") {
				t.Fatalf("%s page %d shows %s", sort, number, h.Article.Slug)
			}
		}
		return res
	}

	res := page(news.SortRelevance, 1)
	if res.Total != news.MaxSearchTotal || !res.More || len(res.Hits) != 10 {
		t.Errorf("total %d, more %v, %d hits; want %d, true, 10", res.Total, res.More, len(res.Hits), news.MaxSearchTotal)
	}
	q := query("الترجي", "1000")
	res, err := s.Search(ctx, q)
	must(t, err)
	if res.Total != 1 || res.More {
		t.Errorf("a narrow query: total %d, more %v", res.Total, res.More)
	}

	t.Run("by date, exactly, on every page", func(t *testing.T) {
		// Newest first: n-1099, n-1098, … Page 30 and the last pages go
		// past what the store reads at once.
		// Every match is in sport and by fm: the filters change nothing,
		// but make the store walk the articles of a section or a byline.
		filters := map[string]func(*news.SearchQuery){
			"":           func(*news.SearchQuery) {},
			" in sport":  func(q *news.SearchQuery) { q.SectionID = f.sport.ID },
			" by fm":     func(q *news.SearchQuery) { q.AuthorID = f.fm.ID },
			" from base": func(q *news.SearchQuery) { q.From = base },
		}
		for name, filter := range filters {
			for _, number := range []int{1, 2, 30, 100, 110, 111} {
				var want []string
				for i := n - 1 - (number-1)*10; i >= 0 && i > n-1-number*10; i-- {
					want = append(want, fmt.Sprintf("n-%d", i))
				}
				var got []string
				for _, h := range page(news.SortDate, number, filter).Hits {
					got = append(got, h.Article.Slug)
				}
				if fmt.Sprint(got) != fmt.Sprint(want) {
					t.Errorf("page %d%s: %v, want %v", number, name, got, want)
				}
			}
		}
		q := query("الترجي")
		q.Sort, q.SectionID = news.SortDate, f.first.ID
		if res, err := s.Search(ctx, q); err != nil || res.Total != 0 || len(res.Hits) != 0 {
			t.Errorf("in another section: %d hits, total %d, %v", len(res.Hits), res.Total, err)
		}
	})

	t.Run("by relevance, one ranking across the pages", func(t *testing.T) {
		// Pages of a hundred cover the thousand results once, in order…
		var ranked []news.SearchHit
		for number := 1; number <= news.MaxSearchTotal/100; number++ {
			hits := page(news.SortRelevance, number, func(q *news.SearchQuery) { q.Page.Size = 100 }).Hits
			if len(hits) != 100 {
				t.Fatalf("page %d of 100: %d hits", number, len(hits))
			}
			ranked = append(ranked, hits...)
		}
		seen := map[string]bool{}
		for i, h := range ranked {
			if seen[h.Article.Slug] {
				t.Fatalf("%s twice", h.Article.Slug)
			}
			seen[h.Article.Slug] = true
			if i > 0 && h.Score < ranked[i-1].Score {
				t.Fatalf("result %d (%s) scores %v, better than %v before it", i+1, h.Article.Slug, h.Score, ranked[i-1].Score)
			}
		}
		// …and page 30 of ten is results 291 to 300 of the same ranking.
		var want, got []string
		for _, h := range ranked[290:300] {
			want = append(want, h.Article.Slug)
		}
		for _, h := range page(news.SortRelevance, 30).Hits {
			got = append(got, h.Article.Slug)
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("page 30: %v, want %v", got, want)
		}
		// Past the thousand, relevance has no page: it stays empty (and
		// cheap) however deep the address asks, with the same count.
		for _, number := range []int{101, 10000} {
			res := page(news.SortRelevance, number)
			if len(res.Hits) != 0 || res.Total != news.MaxSearchTotal || !res.More {
				t.Errorf("relevance page %d: %d hits, total %d, more %v", number, len(res.Hits), res.Total, res.More)
			}
		}
	})
}
