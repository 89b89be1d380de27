package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"reflect"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"github.com/midad/midad/internal/demo"
	"github.com/midad/midad/internal/news"
)

// hostile is a headline that tries every way out of a meta tag's attribute
// and a JSON-LD script: it must come back as the same text.
const hostile = `عاجل </script><script>alert(1)</script> "اقتباس" ]]> & <!-- ` + "\u202Eمعكوس\u202C" + ` 🇲🇦😀`

// head is what a crawler reads of a page: its title, meta tags by property
// or name, and its JSON-LD blocks.
type head struct {
	title string
	meta  map[string][]string
	ld    []map[string]any
}

func readHead(t *testing.T, page string) head {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	h := head{meta: map[string][]string{}}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			attr := map[string]string{}
			for _, a := range n.Attr {
				attr[a.Key] = a.Val
			}
			switch n.Data {
			case "title":
				if n.FirstChild != nil && h.title == "" {
					h.title = n.FirstChild.Data
				}
			case "meta":
				if key := attr["property"] + attr["name"]; key != "" {
					h.meta[key] = append(h.meta[key], attr["content"])
				}
			case "script":
				if attr["type"] == "application/ld+json" {
					var v map[string]any
					if n.FirstChild == nil {
						t.Fatal("an empty JSON-LD script")
					}
					if err := json.Unmarshal([]byte(n.FirstChild.Data), &v); err != nil {
						t.Fatalf("JSON-LD does not parse: %v\n%s", err, n.FirstChild.Data)
					}
					h.ld = append(h.ld, v)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return h
}

// one is the single value of a meta tag; the test fails if there is not
// exactly one.
func (h head) one(t *testing.T, key string) string {
	t.Helper()
	if len(h.meta[key]) != 1 {
		t.Errorf("%s: %d tags %q, want one", key, len(h.meta[key]), h.meta[key])
		return ""
	}
	return h.meta[key][0]
}

// typed returns the JSON-LD block of a schema.org type.
func (h head) typed(t *testing.T, typ string) map[string]any {
	t.Helper()
	for _, v := range h.ld {
		if v["@type"] == typ {
			if v["@context"] != "https://schema.org" {
				t.Errorf("%s: @context %v", typ, v["@context"])
			}
			return v
		}
	}
	t.Fatalf("no %s JSON-LD among %d blocks", typ, len(h.ld))
	return nil
}

// image records an uploaded image as the media pipeline leaves it: its
// variants, and the crops when crops is true.
func (s *server) image(t *testing.T, name, alt string, crops bool) news.Image {
	t.Helper()
	im := news.Image{Name: name, Type: "image/jpeg", Width: 2000, Height: 1500, Alt: alt,
		Variants: []news.ImageVariant{{Width: 640, Height: 480, File: name + "-640.jpg"}, {Width: 2000, Height: 1500, File: name + "-2000.jpg"}}}
	if crops {
		im.Crops = []news.ImageVariant{
			{Width: 1200, Height: 675, File: name + "-16x9.jpg", Ratio: "16:9"},
			{Width: 1200, Height: 900, File: name + "-4x3.jpg", Ratio: "4:3"},
			{Width: 1200, Height: 1200, File: name + "-1x1.jpg", Ratio: "1:1"},
		}
	}
	if err := s.store.CreateImage(context.Background(), &im); err != nil {
		t.Fatal(err)
	}
	return im
}

// cardSite gives the demo site a logo, a share image, social profiles and a
// Twitter handle.
func (s *server) cardSite(t *testing.T) news.Settings {
	t.Helper()
	ctx := context.Background()
	set, err := s.store.Settings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	set.Logo = s.image(t, "2026/11/logo", "شعار مداد", false).ID
	set.ShareImage = s.image(t, "2026/11/share", "مداد", true).ID
	set.Social = []string{"https://www.facebook.com/midad", "https://x.com/midad"}
	set.Twitter = "@midad"
	set.Locale = "ar_MA"
	if err := s.store.SaveSettings(ctx, set); err != nil {
		t.Fatal(err)
	}
	return set
}

// cardArticle publishes an article under the seed's byline and section.
func (s *server) cardArticle(t *testing.T, slug string, edit func(*news.Article)) news.Article {
	t.Helper()
	ctx := context.Background()
	seed, err := s.store.ArticleBySlug(ctx, demo.SeedSlug)
	if err != nil {
		t.Fatal(err)
	}
	a := news.Article{Slug: slug, Headline: hostile, Summary: "ملخص الخبر", Lang: "ar", Status: news.Published,
		Body:      "<p>كلمة واحدة، وكلمتان: <b>ثلاث</b> كلمات!</p><p>أربع — 2026</p>",
		Section:   seed.Section,
		Authors:   seed.Authors,
		Tags:      []news.Tag{{Slug: "cinema", Name: "سينما"}, {Slug: "festivals", Name: "مهرجانات"}},
		Published: time.Date(2026, 11, 28, 9, 30, 0, 0, time.UTC),
		Updated:   time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC),
	}
	if edit != nil {
		edit(&a)
	}
	if err := s.store.CreateArticle(ctx, &a); err != nil {
		t.Fatal(err)
	}
	return a
}

func TestArticleStructuredData(t *testing.T) {
	s := newServer(t)
	set := s.cardSite(t)
	photo := s.image(t, "2026/11/photo", "منظر من الداخلة", true)
	a := s.cardArticle(t, "hostile", func(a *news.Article) { a.Image = photo })

	res, page := s.get(t, "GET", "/article/hostile")
	if res.StatusCode != 200 {
		t.Fatalf("article: %d", res.StatusCode)
	}
	if strings.Contains(page, "</script><script>alert(1)") {
		t.Fatal("the headline closed a script element")
	}
	h := readHead(t, page)
	abs := func(path string) string { return s.URL + path }
	canonical := abs("/article/hostile")
	seedAuthor := a.Authors[0]
	authorURL := abs("/author/" + url.PathEscape(seedAuthor.Slug))
	loc, _ := time.LoadLocation("Africa/Casablanca")
	published, modified := a.Published.In(loc).Format(time.RFC3339), a.Updated.In(loc).Format(time.RFC3339)
	if !strings.HasSuffix(published, "+01:00") {
		t.Fatalf("test setup: %s is not in Casablanca's November offset", published)
	}

	ld := h.typed(t, "NewsArticle")
	want := map[string]any{
		"headline":            hostile,
		"description":         "ملخص الخبر",
		"image":               []any{abs("/media/2026/11/photo-16x9.jpg"), abs("/media/2026/11/photo-4x3.jpg"), abs("/media/2026/11/photo-1x1.jpg")},
		"datePublished":       published,
		"dateModified":        modified,
		"author":              []any{map[string]any{"@type": "Person", "name": seedAuthor.Name, "url": authorURL}},
		"mainEntityOfPage":    map[string]any{"@type": "WebPage", "@id": canonical},
		"articleSection":      a.Section.Name,
		"keywords":            []any{"سينما", "مهرجانات"},
		"inLanguage":          "ar",
		"isAccessibleForFree": true,
		"wordCount":           float64(7),
		"url":                 canonical,
		"publisher": map[string]any{"@type": "NewsMediaOrganization", "name": set.SiteName, "url": abs("/"),
			"logo": map[string]any{"@type": "ImageObject", "url": abs("/media/2026/11/logo-2000.jpg"), "width": float64(2000), "height": float64(1500)}},
	}
	for k, v := range want {
		if !reflect.DeepEqual(ld[k], v) {
			t.Errorf("NewsArticle %s = %#v, want %#v", k, ld[k], v)
		}
	}

	crumbs := h.typed(t, "BreadcrumbList")
	items, _ := crumbs["itemListElement"].([]any)
	wantItems := []map[string]any{
		{"@type": "ListItem", "position": float64(1), "name": set.SiteName, "item": abs("/")},
		{"@type": "ListItem", "position": float64(2), "name": a.Section.Name, "item": abs("/section/" + url.PathEscape(a.Section.Slug))},
		{"@type": "ListItem", "position": float64(3), "name": hostile, "item": canonical},
	}
	if len(items) != len(wantItems) {
		t.Fatalf("breadcrumbs: %#v", items)
	}
	for i, w := range wantItems {
		if !reflect.DeepEqual(items[i], map[string]any(w)) {
			t.Errorf("breadcrumb %d = %#v, want %#v", i+1, items[i], w)
		}
	}

	// The share cards, and the page's own title and description.
	if h.title != hostile+" — "+set.SiteName {
		t.Errorf("title %q", h.title)
	}
	for key, want := range map[string]string{
		"description":            "ملخص الخبر",
		"og:type":                "article",
		"og:title":               hostile,
		"og:description":         "ملخص الخبر",
		"og:url":                 canonical,
		"og:image":               abs("/media/2026/11/photo-16x9.jpg"),
		"og:image:width":         "1200",
		"og:image:height":        "675",
		"og:image:alt":           "منظر من الداخلة",
		"og:site_name":           set.SiteName,
		"og:locale":              "ar_MA",
		"article:published_time": published,
		"article:modified_time":  modified,
		"article:section":        a.Section.Name,
		"article:author":         authorURL,
		"twitter:card":           "summary_large_image",
		"twitter:site":           "@midad",
		"twitter:title":          hostile,
		"twitter:description":    "ملخص الخبر",
		"twitter:image":          abs("/media/2026/11/photo-16x9.jpg"),
		"twitter:image:alt":      "منظر من الداخلة",
	} {
		if got := h.one(t, key); got != want {
			t.Errorf("%s = %q, want %q", key, got, want)
		}
	}
	if got := h.meta["article:tag"]; !reflect.DeepEqual(got, []string{"سينما", "مهرجانات"}) {
		t.Errorf("article:tag = %q", got)
	}
}

// TestShareCardFallbacks: the article's own search fields win; without
// them, the headline, the summary or the body's first words, and the
// featured image, then the site's.
func TestShareCardFallbacks(t *testing.T) {
	s := newServer(t)
	set := s.cardSite(t)
	photo := s.image(t, "2026/11/photo", "منظر", true)
	social := s.image(t, "2026/11/social", "صورة المشاركة", false)
	abs := func(path string) string { return s.URL + path }
	cases := []struct {
		name                   string
		edit                   func(*news.Article)
		title, desc, image, w  string
		ldHeadline, ldDesc     string
		ldImage                []any
		twitterCard            string
		noShareImage, noAltTag bool
	}{
		{name: "search fields", edit: func(a *news.Article) {
			a.Headline, a.SEOTitle, a.SEODescription, a.Image, a.SocialImage = "العنوان", "عنوان البحث", "وصف البحث", photo, social
		}, title: "عنوان البحث", desc: "وصف البحث", image: abs("/media/2026/11/social-2000.jpg"), w: "2000",
			ldHeadline: "العنوان", ldDesc: "وصف البحث",
			ldImage: []any{abs("/media/2026/11/photo-16x9.jpg"), abs("/media/2026/11/photo-4x3.jpg"), abs("/media/2026/11/photo-1x1.jpg")}},
		{name: "headline and summary", edit: func(a *news.Article) { a.Headline, a.Image = "العنوان", photo },
			title: "العنوان", desc: "ملخص الخبر", image: abs("/media/2026/11/photo-16x9.jpg"), w: "1200",
			ldHeadline: "العنوان", ldDesc: "ملخص الخبر",
			ldImage: []any{abs("/media/2026/11/photo-16x9.jpg"), abs("/media/2026/11/photo-4x3.jpg"), abs("/media/2026/11/photo-1x1.jpg")}},
		{name: "no summary, no image", edit: func(a *news.Article) { a.Headline, a.Summary = "العنوان", "" },
			title: "العنوان", desc: "كلمة واحدة، وكلمتان: ثلاث كلمات! أربع — 2026", image: abs("/media/2026/11/share-16x9.jpg"), w: "1200",
			ldHeadline: "العنوان", ldDesc: "كلمة واحدة، وكلمتان: ثلاث كلمات! أربع — 2026",
			ldImage: []any{abs("/media/2026/11/share-16x9.jpg"), abs("/media/2026/11/share-4x3.jpg"), abs("/media/2026/11/share-1x1.jpg")}},
		{name: "no image anywhere", edit: func(a *news.Article) { a.Headline = "العنوان" }, noShareImage: true,
			title: "العنوان", desc: "ملخص الخبر", ldHeadline: "العنوان", ldDesc: "ملخص الخبر", twitterCard: "summary"},
	}
	for i, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if tc.noShareImage {
				set.ShareImage = 0
				if err := s.store.SaveSettings(context.Background(), set); err != nil {
					t.Fatal(err)
				}
			}
			slug := fmt.Sprintf("fallback-%d", i)
			s.cardArticle(t, slug, tc.edit)
			_, page := s.get(t, "GET", "/article/"+slug)
			h := readHead(t, page)
			if h.title != tc.title+" — "+set.SiteName {
				t.Errorf("title %q", h.title)
			}
			for key, want := range map[string]string{"og:title": tc.title, "twitter:title": tc.title,
				"description": tc.desc, "og:description": tc.desc, "twitter:description": tc.desc} {
				if got := h.one(t, key); got != want {
					t.Errorf("%s = %q, want %q", key, got, want)
				}
			}
			if tc.image == "" {
				if len(h.meta["og:image"]) != 0 || len(h.meta["twitter:image"]) != 0 {
					t.Errorf("an image without one to show: %q", h.meta["og:image"])
				}
			} else {
				if got := h.one(t, "og:image"); got != tc.image {
					t.Errorf("og:image = %q, want %q", got, tc.image)
				}
				if got := h.one(t, "og:image:width"); got != tc.w {
					t.Errorf("og:image:width = %q, want %q", got, tc.w)
				}
				if got := h.one(t, "twitter:image"); got != tc.image {
					t.Errorf("twitter:image = %q", got)
				}
			}
			card := tc.twitterCard
			if card == "" {
				card = "summary_large_image"
			}
			if got := h.one(t, "twitter:card"); got != card {
				t.Errorf("twitter:card = %q, want %q", got, card)
			}
			ld := h.typed(t, "NewsArticle")
			if ld["headline"] != tc.ldHeadline || ld["description"] != tc.ldDesc {
				t.Errorf("JSON-LD headline %q description %q", ld["headline"], ld["description"])
			}
			if !reflect.DeepEqual(ld["image"], tc.ldImage) && !(tc.ldImage == nil && ld["image"] == nil) {
				t.Errorf("JSON-LD image %#v, want %#v", ld["image"], tc.ldImage)
			}
		})
	}
}

// TestFrenchArticleCard: a French article's card and structured data say
// it is French, in the site's country.
func TestFrenchArticleCard(t *testing.T) {
	s := newServer(t)
	s.cardSite(t)
	s.cardArticle(t, "dakhla", func(a *news.Article) {
		a.Lang, a.Headline, a.Summary = "fr", "Le festival de Dakhla s’ouvre", "Un résumé"
		a.Body = "<p>Le festival s’est ouvert jeudi, en présence de 2 000 spectateurs.</p>"
	})
	_, page := s.get(t, "GET", "/article/dakhla")
	h := readHead(t, page)
	if got := h.one(t, "og:locale"); got != "fr_MA" {
		t.Errorf("og:locale %q", got)
	}
	ld := h.typed(t, "NewsArticle")
	if ld["inLanguage"] != "fr" || ld["wordCount"] != float64(11) {
		t.Errorf("inLanguage %v, wordCount %v", ld["inLanguage"], ld["wordCount"])
	}
}

// TestSiteCards: the front page says what the site is (WebSite with its
// search, NewsMediaOrganization); every reader page has a description and
// a share card.
func TestSiteCards(t *testing.T) {
	s := newServer(t)
	set := s.cardSite(t)
	abs := func(path string) string { return s.URL + path }

	_, page := s.get(t, "GET", "/")
	h := readHead(t, page)
	site := h.typed(t, "WebSite")
	wantSite := map[string]any{
		"name": set.SiteName, "url": abs("/"), "inLanguage": "ar",
		"potentialAction": map[string]any{"@type": "SearchAction",
			"target":      map[string]any{"@type": "EntryPoint", "urlTemplate": abs("/search?q={search_term_string}")},
			"query-input": "required name=search_term_string"},
	}
	for k, v := range wantSite {
		if !reflect.DeepEqual(site[k], v) {
			t.Errorf("WebSite %s = %#v, want %#v", k, site[k], v)
		}
	}
	org := h.typed(t, "NewsMediaOrganization")
	wantOrg := map[string]any{
		"name": set.SiteName, "url": abs("/"),
		"logo":   map[string]any{"@type": "ImageObject", "url": abs("/media/2026/11/logo-2000.jpg"), "width": float64(2000), "height": float64(1500)},
		"sameAs": []any{"https://www.facebook.com/midad", "https://x.com/midad"},
	}
	for k, v := range wantOrg {
		if !reflect.DeepEqual(org[k], v) {
			t.Errorf("NewsMediaOrganization %s = %#v, want %#v", k, org[k], v)
		}
	}
	for key, want := range map[string]string{
		"description": set.Description, "og:type": "website", "og:title": set.SiteName, "og:description": set.Description,
		"og:url": abs("/"), "og:image": abs("/media/2026/11/share-16x9.jpg"), "og:image:width": "1200", "og:image:height": "675",
		"og:image:alt": "مداد", "og:site_name": set.SiteName, "og:locale": "ar_MA",
		"twitter:card": "summary_large_image", "twitter:site": "@midad", "twitter:title": set.SiteName,
		"twitter:image": abs("/media/2026/11/share-16x9.jpg"),
	} {
		if got := h.one(t, key); got != want {
			t.Errorf("front %s = %q, want %q", key, got, want)
		}
	}

	_, page = s.get(t, "GET", "/section/sport")
	h = readHead(t, page)
	if len(h.ld) != 0 {
		t.Errorf("a section page carries %d JSON-LD blocks", len(h.ld))
	}
	for key, want := range map[string]string{
		"og:type": "website", "og:title": "رياضة", "og:url": abs("/section/sport"),
		"og:image": abs("/media/2026/11/share-16x9.jpg"), "twitter:card": "summary_large_image", "twitter:title": "رياضة",
	} {
		if got := h.one(t, key); got != want {
			t.Errorf("section %s = %q, want %q", key, got, want)
		}
	}
	if d := h.one(t, "description"); d != "آخر مقالات قسم رياضة — "+set.SiteName || d != h.one(t, "og:description") {
		t.Errorf("section description %q", d)
	}
	_, page = s.get(t, "GET", "/tag/"+url.PathEscape("قطر"))
	if d := readHead(t, page).one(t, "description"); d != "آخر المقالات في وسم قطر — "+set.SiteName {
		t.Errorf("tag description %q", d)
	}

	// Every reader page, errors included, describes itself.
	for _, path := range []string{"/", "/section/sport", "/section/sport?page=2", "/author/" + url.PathEscape("ياسين-قطيب"),
		"/tag/" + url.PathEscape("قطر"), "/search", "/search?q=" + url.QueryEscape("حموشي"), seedPath, "/no-such-page", "/section/sport?page=x"} {
		_, page := s.get(t, "GET", path)
		h := readHead(t, page)
		if d := h.one(t, "description"); strings.TrimSpace(d) == "" {
			t.Errorf("%s: no meta description", path)
		}
		if h.one(t, "og:title") == "" || h.one(t, "og:site_name") != set.SiteName || h.one(t, "og:locale") != "ar_MA" {
			t.Errorf("%s: no share card", path)
		}
	}
}
