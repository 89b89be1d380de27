package web_test

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"github.com/midad/midad/internal/news"
)

var (
	aboutPath   = "/page/" + url.PathEscape("من-نحن")
	footerLinks = []string{
		`<nav class="footer-pages" aria-label="صفحات الموقع">`,
		`<a href="` + aboutPath + `">من نحن</a>`,
		`<a href="/page/` + url.PathEscape("اتصل-بنا") + `">اتصل بنا</a>`,
		`<a href="/page/` + url.PathEscape("شروط-الاستخدام") + `">شروط الاستخدام</a>`,
		`<a href="/page/` + url.PathEscape("للإعلان") + `">للإعلان</a>`,
	}
)

// TestStaticPage: a published page is at its address, in its own
// language and direction, with a canonical link and a description; a
// draft and an unknown slug are not found.
func TestStaticPage(t *testing.T) {
	s := newServer(t)
	ctx := context.Background()
	mentions := news.StaticPage{Slug: "mentions-legales", Title: "Mentions légales", Lang: "fr", Status: news.Published,
		Body: "<p>Midad est édité à Rabat.</p>"}
	draft := news.StaticPage{Slug: "مسودة", Title: "صفحة لم تنشر", Lang: "ar", Status: news.Draft, InFooter: true, Body: "<p>سر</p>"}
	for _, p := range []*news.StaticPage{&mentions, &draft} {
		if err := s.store.CreatePage(ctx, p); err != nil {
			t.Fatal(err)
		}
	}

	res, body := s.get(t, "GET", aboutPath)
	if res.StatusCode != 200 {
		t.Fatalf("about page: status %d", res.StatusCode)
	}
	arabicPage(t, body)
	for _, want := range []string{
		`<title>من نحن — `,
		`<article class="article static-page" lang="ar" dir="rtl">`,
		`<h1 class="headline">من نحن</h1>`,
		`<link rel="canonical" href="` + s.URL + aboutPath + `">`,
		`<meta name="description" content="«مداد» جريدة إخبارية مغربية مستقلة`,
		`<h2>فريق التحرير</h2>`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("about page lacks %s", want)
		}
	}

	res, body = s.get(t, "GET", "/page/mentions-legales")
	if res.StatusCode != 200 {
		t.Fatalf("French page: status %d", res.StatusCode)
	}
	arabicPage(t, body) // the site's chrome stays Arabic
	if !strings.Contains(body, `<article class="article static-page" lang="fr" dir="ltr">`) {
		t.Error("the French page is not marked left-to-right")
	}
	if strings.Contains(body, `href="/page/mentions-legales"`) {
		t.Error("a page not meant for the footer is in it")
	}

	for _, path := range []string{"/page/" + url.PathEscape("مسودة"), "/page/nope", "/page/%D8"} {
		res, body := s.get(t, "GET", path)
		if res.StatusCode != 404 || !strings.Contains(body, "الصفحة غير موجودة") {
			t.Errorf("%s: status %d", path, res.StatusCode)
		}
		if strings.Contains(body, "سر") {
			t.Errorf("%s shows the draft", path)
		}
	}
	if _, body := s.get(t, "GET", "/"); strings.Contains(body, "صفحة لم تنشر") {
		t.Error("the footer links to a draft")
	}
}

// TestFooterPagesOnEveryPage: the footer links to the paper's pages, in
// their order, on every page, error pages too.
func TestFooterPagesOnEveryPage(t *testing.T) {
	s := newServer(t)
	for _, path := range []string{"/", seedPath, "/section/sport", "/search?q=" + url.QueryEscape("قطر"), aboutPath, "/nope"} {
		_, body := s.get(t, "GET", path)
		footer := body[strings.Index(body, `<footer class="site-footer">`):]
		last := -1
		for _, want := range footerLinks {
			i := strings.Index(footer, want)
			if i < 0 {
				t.Errorf("%s: footer lacks %s", path, want)
			} else if i < last {
				t.Errorf("%s: footer link %s out of order", path, want)
			}
			last = i
		}
	}
}
