package web_test

import (
	"context"
	"encoding/xml"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/midad/midad/internal/i18n"
	"github.com/midad/midad/internal/news"
	"github.com/midad/midad/internal/sitemap"
	"github.com/midad/midad/internal/store"
	"github.com/midad/midad/internal/web"
	"github.com/midad/midad/internal/web/site"
	"github.com/midad/midad/internal/web/view"
)

// sitemapNow is the clock of the sitemap tests: 11:00 in Casablanca.
var sitemapNow = time.Date(2026, 11, 29, 10, 0, 0, 0, time.UTC)

// trickyHeadline holds what must stay text in every format.

// newSitemapServer serves an empty newspaper on a new SQLite file, with
// sitemap files limited as given.
func newSitemapServer(t *testing.T, limits sitemap.Limits) (*httptest.Server, *store.Store) {
	t.Helper()
	st, err := store.Open(context.Background(), "sqlite:"+filepath.Join(t.TempDir(), "midad.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	cat := i18n.NewCatalog()
	v, err := view.New(cat)
	if err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(t.Output(), nil))
	s := site.New(site.Options{Content: st, Sitemaps: st, SitemapLimits: limits, View: v, Catalog: cat, Log: log,
		Now: func() time.Time { return sitemapNow }})
	ts := httptest.NewServer(web.Handler(web.Options{Site: s, DB: st, Log: log}))
	t.Cleanup(ts.Close)
	return ts, st
}

type sitemapURL struct {
	Loc     string `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 loc"`
	LastMod string `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 lastmod"`
	Images  []struct {
		Loc string `xml:"http://www.google.com/schemas/sitemap-image/1.1 loc"`
	} `xml:"http://www.google.com/schemas/sitemap-image/1.1 image"`
	News []struct {
		Name     string `xml:"http://www.google.com/schemas/sitemap-news/0.9 publication>name"`
		Language string `xml:"http://www.google.com/schemas/sitemap-news/0.9 publication>language"`
		Date     string `xml:"http://www.google.com/schemas/sitemap-news/0.9 publication_date"`
		Title    string `xml:"http://www.google.com/schemas/sitemap-news/0.9 title"`
	} `xml:"http://www.google.com/schemas/sitemap-news/0.9 news"`
}

type urlset struct {
	XMLName xml.Name     `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []sitemapURL `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 url"`
}

type sitemapIndex struct {
	XMLName  xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 sitemapindex"`
	Sitemaps []struct {
		Loc     string `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 loc"`
		LastMod string `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 lastmod"`
	} `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 sitemap"`
}

// fetchXML gets url, checks that it is XML, and decodes it into v.
func fetchXML(t *testing.T, url string, v any) string {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	if res.StatusCode != 200 || res.Header.Get("Content-Type") != "application/xml; charset=utf-8" {
		t.Fatalf("%s: %d %s\n%s", url, res.StatusCode, res.Header.Get("Content-Type"), body)
	}
	if err := xml.Unmarshal(body, v); err != nil {
		t.Fatalf("%s: %v\n%s", url, err, body)
	}
	return string(body)
}

// w3cTime checks that s is a W3C datetime with a zone.
func w3cTime(t *testing.T, what, s string) time.Time {
	t.Helper()
	at, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Errorf("%s: %q is not a W3C datetime with a zone: %v", what, s, err)
	}
	return at
}

// TestSitemaps: a crawler that starts at robots.txt finds, through the
// index, every visible article once and nothing else, each month's
// sitemap split at the limit, the news of the last two days with their
// headlines intact, and the list pages that have articles.
func TestSitemaps(t *testing.T) {
	ctx := context.Background()
	ts, st := newSitemapServer(t, sitemap.Limits{URLs: 2})
	first := news.Section{Slug: "first", Name: "الأولى", Position: 1}
	sport := news.Section{Slug: "sport", Name: "رياضة", Position: 2}
	economy := news.Section{Slug: "اقتصاد", Name: "اقتصاد", Position: 3}
	yassine := news.Author{Slug: "ياسين", Name: "ياسين"}
	ghost := news.Author{Slug: "ghost", Name: "شبح"}
	qatar := news.Tag{Slug: "قطر", Name: "قطر"}
	hidden := news.Tag{Slug: "draft-only", Name: "مسودة"}
	for _, err := range []error{st.CreateSection(ctx, &first), st.CreateSection(ctx, &sport), st.CreateSection(ctx, &economy),
		st.CreateAuthor(ctx, &yassine), st.CreateAuthor(ctx, &ghost), st.CreateTag(ctx, &qatar), st.CreateTag(ctx, &hidden)} {
		if err != nil {
			t.Fatal(err)
		}
	}
	im := news.Image{Name: "2026/10/abc", Type: "image/webp", Width: 1600, Height: 900,
		Variants: []news.ImageVariant{{Width: 480, Height: 270, File: "2026/10/abc-480.webp"}, {Width: 1600, Height: 900, File: "2026/10/abc-1600.webp"}}}
	if err := st.CreateImage(ctx, &im); err != nil {
		t.Fatal(err)
	}
	add := func(slug string, sec news.Section, published time.Time, edit func(*news.Article)) {
		t.Helper()
		a := news.Article{Slug: slug, Headline: "عنوان " + slug, Body: "<p>نص</p>", Lang: "ar", Status: news.Published,
			Section: sec, Authors: []news.Author{yassine}, Published: published}
		if edit != nil {
			edit(&a)
		}
		if err := st.CreateArticle(ctx, &a); err != nil {
			t.Fatal(err)
		}
	}
	// October in Casablanca (UTC+1): five articles, the first published at
	// 00:30 on the 1st there, still September in UTC.
	add("أول-أكتوبر", first, time.Date(2026, 9, 30, 23, 30, 0, 0, time.UTC), func(a *news.Article) {
		a.Image, a.Tags, a.Updated = im, []news.Tag{qatar}, time.Date(2026, 11, 2, 8, 0, 0, 0, time.UTC)
	})
	for i, slug := range []string{"oct-2", "oct-3", "oct-4", "oct-5"} {
		add(slug, first, time.Date(2026, 10, 5+i, 12, 0, 0, 0, time.UTC), nil)
	}
	// November: an old article, then two of the last two days.
	add("nov-old", sport, time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC), nil)
	add("tricky", first, time.Date(2026, 11, 29, 8, 0, 0, 0, time.UTC), func(a *news.Article) { a.Headline = trickyHeadline })
	add("francais", first, time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC), func(a *news.Article) {
		a.Lang, a.Headline = "fr", "Un titre « français » & co"
	})
	// What readers must not see, in the news window and in October.
	for _, h := range []struct {
		slug   string
		status news.Status
		at     time.Time
	}{
		{"hidden-draft", news.Draft, sitemapNow.Add(-time.Hour)},
		{"hidden-review", news.InReview, sitemapNow.Add(-time.Hour)},
		{"hidden-scheduled", news.Scheduled, sitemapNow.Add(time.Hour)},
		{"hidden-unpublished", news.Unpublished, time.Date(2026, 10, 20, 0, 0, 0, 0, time.UTC)},
		{"hidden-future", news.Published, sitemapNow.Add(time.Minute)},
	} {
		add(h.slug, economy, h.at, func(a *news.Article) {
			a.Status, a.Tags, a.Authors = h.status, []news.Tag{hidden}, []news.Author{ghost}
		})
	}

	// robots.txt names the index and the news sitemap.
	res, err := http.Get(ts.URL + "/robots.txt")
	if err != nil {
		t.Fatal(err)
	}
	robots, _ := io.ReadAll(res.Body)
	res.Body.Close()
	wantRobots := "User-agent: *\nDisallow: /newsroom/\nDisallow: /search\nAllow: /\n\n" +
		"Sitemap: " + ts.URL + "/sitemap.xml\nSitemap: " + ts.URL + "/sitemaps/news.xml\n"
	if res.StatusCode != 200 || string(robots) != wantRobots || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/plain") {
		t.Errorf("robots.txt: %d %s\n%s", res.StatusCode, res.Header.Get("Content-Type"), robots)
	}

	var index sitemapIndex
	fetchXML(t, ts.URL+"/sitemap.xml", &index)
	var locs []string
	for _, sm := range index.Sitemaps {
		locs = append(locs, strings.TrimPrefix(sm.Loc, ts.URL))
		w3cTime(t, "index lastmod of "+sm.Loc, sm.LastMod)
	}
	wantIndex := []string{"/sitemaps/taxonomies.xml", "/sitemaps/news.xml", "/sitemaps/articles-2026-11.xml", "/sitemaps/articles-2026-11-2.xml",
		"/sitemaps/articles-2026-10.xml", "/sitemaps/articles-2026-10-2.xml", "/sitemaps/articles-2026-10-3.xml"}
	if !slices.Equal(locs, wantIndex) {
		t.Fatalf("index lists %v\nwant %v", locs, wantIndex)
	}
	// October's newest update is its first article's correction.
	if got := w3cTime(t, "october", index.Sitemaps[4].LastMod); !got.Equal(time.Date(2026, 11, 2, 8, 0, 0, 0, time.UTC)) {
		t.Errorf("october's lastmod %s", index.Sitemaps[4].LastMod)
	}
	if got := w3cTime(t, "news", index.Sitemaps[1].LastMod); !got.Equal(time.Date(2026, 11, 29, 8, 0, 0, 0, time.UTC)) {
		t.Errorf("news lastmod %s", index.Sitemaps[1].LastMod)
	}

	// The article sitemaps: every visible article once, two a file.
	var listed []string
	var raw strings.Builder
	for _, sm := range index.Sitemaps[2:] {
		var set urlset
		raw.WriteString(fetchXML(t, sm.Loc, &set))
		if len(set.URLs) == 0 || len(set.URLs) > 2 {
			t.Errorf("%s: %d urls, limit 2", sm.Loc, len(set.URLs))
		}
		for _, u := range set.URLs {
			if !strings.HasPrefix(u.Loc, ts.URL+"/article/") {
				t.Errorf("loc %q is not an absolute article address", u.Loc)
			}
			w3cTime(t, "lastmod of "+u.Loc, u.LastMod)
			slug, err := url.PathUnescape(strings.TrimPrefix(u.Loc, ts.URL+"/article/"))
			if err != nil {
				t.Errorf("loc %q: %v", u.Loc, err)
			}
			listed = append(listed, slug)
			if slug == "أول-أكتوبر" {
				if u.Loc != ts.URL+"/article/"+url.PathEscape(slug) {
					t.Errorf("arabic loc %q", u.Loc)
				}
				if len(u.Images) != 1 || u.Images[0].Loc != ts.URL+"/media/2026/10/abc-1600.webp" {
					t.Errorf("featured image: %+v", u.Images)
				}
			} else if len(u.Images) != 0 {
				t.Errorf("%s has images %+v", slug, u.Images)
			}
		}
	}
	wantListed := []string{"nov-old", "francais", "tricky", "أول-أكتوبر", "oct-2", "oct-3", "oct-4", "oct-5"}
	if !slices.Equal(listed, wantListed) {
		t.Errorf("article sitemaps list %v\nwant %v", listed, wantListed)
	}

	// The news sitemap: the last two days, newest first, headlines as written.
	var newsSet urlset
	raw.WriteString(fetchXML(t, ts.URL+"/sitemaps/news.xml", &newsSet))
	if len(newsSet.URLs) != 2 {
		t.Fatalf("news sitemap: %d urls, want 2", len(newsSet.URLs))
	}
	for i, want := range []struct{ slug, lang, title, date string }{
		{"tricky", "ar", trickyHeadline, "2026-11-29T09:00:00+01:00"},
		{"francais", "fr", "Un titre « français » & co", "2026-11-28T13:00:00+01:00"},
	} {
		u := newsSet.URLs[i]
		if u.Loc != ts.URL+"/article/"+want.slug || len(u.News) != 1 {
			t.Errorf("news %d: %+v", i, u)
			continue
		}
		n := u.News[0]
		if n.Name != "مداد" || n.Language != want.lang || n.Title != want.title || n.Date != want.date {
			t.Errorf("news %d: %+v\nwant %+v", i, n, want)
		}
		w3cTime(t, "publication_date", n.Date)
	}

	// The list pages: the front page, and those with visible articles.
	var tax urlset
	raw.WriteString(fetchXML(t, ts.URL+"/sitemaps/taxonomies.xml", &tax))
	var pages []string
	for _, u := range tax.URLs {
		pages = append(pages, strings.TrimPrefix(u.Loc, ts.URL))
		w3cTime(t, "lastmod of "+u.Loc, u.LastMod)
	}
	wantPages := []string{"/", "/section/first", "/section/sport", "/author/" + url.PathEscape("ياسين"), "/tag/" + url.PathEscape("قطر")}
	if !slices.Equal(pages, wantPages) {
		t.Errorf("taxonomies list %v\nwant %v", pages, wantPages)
	}

	for _, never := range []string{"hidden-", "draft-only", "ghost", "economy", url.PathEscape("اقتصاد")} {
		if strings.Contains(raw.String(), never) {
			t.Errorf("a sitemap names %q", never)
		}
	}
}

// TestSitemapBadNames: names that are no sitemap, months without
// articles and parts beyond the last get the Arabic 404 page.
func TestSitemapBadNames(t *testing.T) {
	ctx := context.Background()
	ts, st := newSitemapServer(t, sitemap.Limits{URLs: 2})
	sec := news.Section{Slug: "first", Name: "الأولى"}
	au := news.Author{Slug: "a", Name: "أ"}
	if err := st.CreateSection(ctx, &sec); err != nil {
		t.Fatal(err)
	}
	if err := st.CreateAuthor(ctx, &au); err != nil {
		t.Fatal(err)
	}
	for i := range 3 {
		a := news.Article{Slug: "a" + string(rune('0'+i)), Headline: "ع", Lang: "ar", Status: news.Published, Section: sec,
			Authors: []news.Author{au}, Published: time.Date(2026, 10, 10+i, 0, 0, 0, 0, time.UTC)}
		if err := st.CreateArticle(ctx, &a); err != nil {
			t.Fatal(err)
		}
	}
	for _, name := range []string{"articles-2026-10-2.xml"} {
		var set urlset
		fetchXML(t, ts.URL+"/sitemaps/"+name, &set)
	}
	for _, name := range []string{
		"articles-2026-13.xml", "articles-2026-00.xml", "articles-x.xml", "articles-2026-10-3.xml", "articles-2026-10-1.xml",
		"articles-2026-10-02.xml", "articles-2026-1.xml", "articles-2026-10", "articles-2026-10.XML", "articles-2025-10.xml",
		"articles-2026-10-99999999999999999999.xml", "articles-%D9%A2%D9%A0%D9%A2%D9%A6-10.xml", "nope.xml", "news", "",
	} {
		res, err := http.Get(ts.URL + "/sitemaps/" + name)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusNotFound || !strings.Contains(string(body), `<html lang="ar" dir="rtl">`) {
			t.Errorf("/sitemaps/%s: %d, want the Arabic 404\n%.200s", name, res.StatusCode, body)
		}
	}
}

// TestSitemapsEmpty: a newspaper with nothing published yet has a valid
// index (its taxonomies and news sitemaps), an empty news sitemap and the
// front page in its taxonomies.
func TestSitemapsEmpty(t *testing.T) {
	ts, _ := newSitemapServer(t, sitemap.Limits{})
	var index sitemapIndex
	fetchXML(t, ts.URL+"/sitemap.xml", &index)
	if len(index.Sitemaps) != 2 {
		t.Errorf("index of an empty site: %+v", index.Sitemaps)
	}
	var set urlset
	fetchXML(t, ts.URL+"/sitemaps/news.xml", &set)
	if len(set.URLs) != 0 {
		t.Errorf("news: %+v", set.URLs)
	}
	fetchXML(t, ts.URL+"/sitemaps/taxonomies.xml", &set)
	if len(set.URLs) != 1 || set.URLs[0].Loc != ts.URL+"/" || set.URLs[0].LastMod != "" {
		t.Errorf("taxonomies: %+v", set.URLs)
	}
}

// TestSitemapByteLimit: a month whose entries would pass the limit on
// bytes continues in parts, each within the limit, together listing
// every article once.
func TestSitemapByteLimit(t *testing.T) {
	ctx := context.Background()
	const limit = 2000
	ts, st := newSitemapServer(t, sitemap.Limits{Bytes: limit})
	sec := news.Section{Slug: "first", Name: "الأولى"}
	au := news.Author{Slug: "a", Name: "أ"}
	if err := st.CreateSection(ctx, &sec); err != nil {
		t.Fatal(err)
	}
	if err := st.CreateAuthor(ctx, &au); err != nil {
		t.Fatal(err)
	}
	var want []string
	for i := range 5 {
		slug := strings.Repeat("مداد-", 12) + string(rune('٠'+i))
		want = append(want, slug)
		a := news.Article{Slug: slug, Headline: "ع", Lang: "ar", Status: news.Published, Section: sec,
			Authors: []news.Author{au}, Published: time.Date(2026, 10, 10+i, 0, 0, 0, 0, time.UTC)}
		if err := st.CreateArticle(ctx, &a); err != nil {
			t.Fatal(err)
		}
	}
	var index sitemapIndex
	fetchXML(t, ts.URL+"/sitemap.xml", &index)
	if len(index.Sitemaps) < 4 {
		t.Fatalf("5 long addresses in %d files of %d bytes", len(index.Sitemaps)-2, limit)
	}
	var got []string
	for _, sm := range index.Sitemaps[2:] {
		var set urlset
		body := fetchXML(t, sm.Loc, &set)
		if len(body) > limit {
			t.Errorf("%s: %d bytes, limit %d", sm.Loc, len(body), limit)
		}
		for _, u := range set.URLs {
			slug, _ := url.PathUnescape(strings.TrimPrefix(u.Loc, ts.URL+"/article/"))
			got = append(got, slug)
		}
	}
	if !slices.Equal(got, want) {
		t.Errorf("listed %v\nwant %v", got, want)
	}
}

// TestSitemapsDemo: on the demo newspaper, the article sitemaps list each
// visible article once, as many as the store counts.
func TestSitemapsDemo(t *testing.T) {
	s := newServer(t)
	list, err := s.store.PublishedArticles(context.Background(), news.Filter{Now: sitemapNow}, news.Page{Number: 1, Size: 1})
	if err != nil {
		t.Fatal(err)
	}
	var index sitemapIndex
	fetchXML(t, s.URL+"/sitemap.xml", &index)
	seen := map[string]bool{}
	for _, sm := range index.Sitemaps {
		if !strings.Contains(sm.Loc, "/sitemaps/articles-") {
			continue
		}
		var set urlset
		fetchXML(t, sm.Loc, &set)
		for _, u := range set.URLs {
			if seen[u.Loc] {
				t.Errorf("%s listed twice", u.Loc)
			}
			seen[u.Loc] = true
		}
	}
	if len(seen) != list.Total || !seen[s.URL+seedPath] {
		t.Errorf("article sitemaps list %d articles, the store %d; the seed article listed: %v", len(seen), list.Total, seen[s.URL+seedPath])
	}
}
