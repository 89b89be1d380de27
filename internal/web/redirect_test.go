package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/midad/midad/internal/demo"
	"github.com/midad/midad/internal/news"
	"github.com/midad/midad/internal/web/view"
)

// leadsTo checks that a reader asking for from ends, in at most one
// permanent redirect, at the page to; when from is to, that it is served.
func (s *server) leadsTo(t *testing.T, from, to string) {
	t.Helper()
	res, body := s.get(t, "GET", from)
	if from == to {
		if res.StatusCode != http.StatusOK {
			t.Fatalf("%s: status %d, want 200", from, res.StatusCode)
		}
		return
	}
	if res.StatusCode != http.StatusMovedPermanently {
		t.Fatalf("%s: status %d, want 301 to %s", from, res.StatusCode, to)
	}
	if loc := res.Header.Get("Location"); loc != to {
		t.Fatalf("%s: 301 to %q, want %q", from, loc, to)
	}
	if cc := res.Header.Get("Cache-Control"); !strings.Contains(cc, "max-age=") {
		t.Errorf("%s: a permanent redirect cached for ever (Cache-Control %q)", from, cc)
	}
	if strings.Contains(body, "<script") {
		t.Errorf("%s: the redirect's body has a script", from)
	}
	if res, _ := s.get(t, "GET", to); res.StatusCode != http.StatusOK {
		t.Fatalf("%s: redirected to %s, which answers %d: not a single hop", from, to, res.StatusCode)
	}
}

// gone checks the Arabic 410 page of a withdrawn article.
func (s *server) gone(t *testing.T, path string) {
	t.Helper()
	res, body := s.get(t, "GET", path)
	if res.StatusCode != http.StatusGone {
		t.Fatalf("%s: status %d, want 410", path, res.StatusCode)
	}
	arabicPage(t, body)
	if !strings.Contains(body, "لم يعد هذا المقال متاحاً") || !strings.Contains(body, `name="robots" content="noindex`) {
		t.Errorf("%s: the 410 page does not say the article is gone, or is indexed", path)
	}
}

func articlePath(slug string) string { return "/article/" + url.PathEscape(slug) }

// TestArticleRenamedTwiceAndBack: an editor changes a published article's
// slug A → B → C, then back to A; every address ever shared answers, each
// in one hop, and the live one is served.
func TestArticleRenamedTwiceAndBack(t *testing.T) {
	s := newServer(t)
	ed := s.signIn(t, "huda@example.ma", news.Editor)
	form := s.articleForm(t)
	form.Set("slug", "مهرجان-الداخلة")
	id := s.newArticle(t, ed, form)
	path := fmt.Sprintf("/newsroom/articles/%d", id)
	form.Set("version", "1")
	form.Set("action", "publish")
	if res, body := s.postAs(t, ed, path, form); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("publish: %d %s", res.StatusCode, body)
	}
	a, b, c := articlePath("مهرجان-الداخلة"), articlePath("Festival-Dakhla"), articlePath("الداخلة-2026")
	version := 2
	rename := func(slug string) {
		t.Helper()
		form.Set("version", fmt.Sprint(version))
		form.Set("action", "save")
		form.Set("slug", slug)
		if res, body := s.postAs(t, ed, path, form); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("rename to %s: %d %s", slug, res.StatusCode, body)
		}
		version++
	}
	s.leadsTo(t, a, a)
	rename("Festival-Dakhla")
	s.leadsTo(t, a, b)
	s.leadsTo(t, b, b)
	rename("الداخلة-2026")
	for _, p := range []string{a, b, c} {
		s.leadsTo(t, p, c) // A goes straight to C
	}
	rename("مهرجان-الداخلة")
	for _, p := range []string{a, b, c} {
		s.leadsTo(t, p, a)
	}
	// The stable address still leads to the current one.
	res, _ := s.get(t, "GET", fmt.Sprintf("/a/%d", id))
	if res.StatusCode != http.StatusFound || res.Header.Get("Location") != a {
		t.Errorf("/a/%d: %d to %q", id, res.StatusCode, res.Header.Get("Location"))
	}

	// Every spelling of an earlier address: escapes in either case, a
	// trailing slash, the ASCII slug's case, a tracking query.
	upper := articlePath("الداخلة-2026")
	for _, p := range []string{upper, strings.ToLower(upper), upper + "/", strings.ToLower(upper) + "/",
		"/article/festival-dakhla", "/article/FESTIVAL-DAKHLA/", b + "?utm_source=whatsapp"} {
		s.leadsTo(t, p, a)
	}

	// Withdrawn: the article and all its addresses are gone, not missing.
	form.Set("version", fmt.Sprint(version))
	form.Set("action", "unpublish")
	if res, body := s.postAs(t, ed, path, form); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("unpublish: %d %s", res.StatusCode, body)
	}
	for _, p := range []string{a, b, c, strings.ToLower(c) + "/", fmt.Sprintf("/a/%d", id)} {
		s.gone(t, p)
	}
}

// TestDraftRenameTellsNothing: a draft's addresses, current or earlier,
// are unknown pages to readers.
func TestDraftRenameTellsNothing(t *testing.T) {
	s := newServer(t)
	ed := s.signIn(t, "huda@example.ma", news.Editor)
	form := s.articleForm(t)
	form.Set("slug", "مسودة-أولى")
	id := s.newArticle(t, ed, form)
	form.Set("version", "1")
	form.Set("slug", "مسودة-ثانية")
	if res, body := s.postAs(t, ed, fmt.Sprintf("/newsroom/articles/%d", id), form); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("rename: %d %s", res.StatusCode, body)
	}
	for _, p := range []string{articlePath("مسودة-أولى"), articlePath("مسودة-ثانية"), fmt.Sprintf("/a/%d", id)} {
		res, body := s.get(t, "GET", p)
		if res.StatusCode != http.StatusNotFound || !strings.Contains(body, "الصفحة غير موجودة") {
			t.Errorf("%s: status %d, want the 404 page", p, res.StatusCode)
		}
	}
}

// TestListsRenamedTwiceAndBack: sections, tags and authors renamed in the
// newsroom keep their earlier addresses, page numbers included.
func TestListsRenamedTwiceAndBack(t *testing.T) {
	s := newServer(t)
	ctx := context.Background()
	ed := s.signIn(t, "huda@example.ma", news.Editor)
	sport, err := s.store.SectionBySlug(ctx, "sport")
	if err != nil {
		t.Fatal(err)
	}
	tag, err := s.store.TagBySlug(ctx, "قطر")
	if err != nil {
		t.Fatal(err)
	}
	author, err := s.store.AuthorBySlug(ctx, "jawhara-fm")
	if err != nil {
		t.Fatal(err)
	}
	// The screens list them, narrowed by a search as Arabic is searched.
	res, body := s.getAs(t, ed, "/newsroom/tags?q="+url.QueryEscape("قطر"))
	if res.StatusCode != 200 || !strings.Contains(body, fmt.Sprintf(`action="/newsroom/tags/%d"`, tag.ID)) || strings.Count(body, `class="rename-row`) > 5 {
		t.Fatalf("tags screen: %d", res.StatusCode)
	}
	arabicPage(t, body)
	res, body = s.getAs(t, ed, "/newsroom/authors?q="+url.QueryEscape("جوهرة"))
	if res.StatusCode != 200 || !strings.Contains(body, fmt.Sprintf(`action="/newsroom/authors/%d"`, author.ID)) || strings.Contains(body, "ياسين") {
		t.Fatalf("authors screen: %d", res.StatusCode)
	}
	kinds := []struct {
		prefix string
		slugs  []string // the first is the current one
		save   func(slug string) (*http.Response, string)
	}{
		{"/section/", []string{"sport", "رياضة", "sports"}, func(slug string) (*http.Response, string) {
			id := fmt.Sprint(sport.ID)
			return s.postAs(t, ed, "/newsroom/sections", url.Values{"name-" + id: {sport.Name}, "position-" + id: {fmt.Sprint(sport.Position)}, "slug-" + id: {slug}})
		}},
		{"/tag/", []string{"قطر", "دولة-قطر", "qatar"}, func(slug string) (*http.Response, string) {
			return s.postAs(t, ed, fmt.Sprintf("/newsroom/tags/%d", tag.ID), url.Values{"name": {tag.Name}, "slug": {slug}})
		}},
		{"/author/", []string{"jawhara-fm", "جوهرة-أف-أم", "radio-jawhara"}, func(slug string) (*http.Response, string) {
			return s.postAs(t, ed, fmt.Sprintf("/newsroom/authors/%d", author.ID), url.Values{"name": {author.Name}, "slug": {slug}})
		}},
	}
	for _, k := range kinds {
		t.Run(strings.Trim(k.prefix, "/"), func(t *testing.T) {
			addr := func(slug string) string { return k.prefix + url.PathEscape(slug) }
			a, b, c := k.slugs[0], k.slugs[1], k.slugs[2]
			for i, slug := range []string{b, c, a} {
				if res, body := k.save(slug); res.StatusCode != http.StatusSeeOther {
					t.Fatalf("rename to %s: %d %s", slug, res.StatusCode, body)
				}
				for _, from := range k.slugs[:min(i+2, 3)] { // each address it has had
					s.leadsTo(t, addr(from), addr(slug))
				}
			}
			s.leadsTo(t, addr(b)+"/", addr(a))
		})
	}
	// A list's page number survives the redirect; a bad one is dropped.
	s.leadsTo(t, "/section/sports?page=2", "/section/sport?page=2")
	s.leadsTo(t, "/section/sports?page=abc", "/section/sport")
	s.leadsTo(t, "/author/radio-jawhara?page=3", "/author/jawhara-fm?page=3")
	// Its feeds follow it (served by the feeds' own handlers).
	for from, to := range map[string]string{
		"/section/sports/feed":                           "/section/sport/feed",
		"/tag/qatar/atom.xml":                            "/tag/" + url.PathEscape("قطر") + "/atom.xml",
		"/author/Radio-Jawhara/feed.json":                "/author/jawhara-fm/feed.json",
		"/section/" + url.PathEscape("رياضة") + "/feed/": "/section/sport/feed",
	} {
		res, _ := s.get(t, "GET", from)
		if res.StatusCode != http.StatusMovedPermanently || res.Header.Get("Location") != to {
			t.Errorf("%s: %d to %q, want 301 to %s", from, res.StatusCode, res.Header.Get("Location"), to)
		}
	}
	for _, p := range []string{"/section/sports/other", "/section/sports/feed?p=1", "/article/x/feed"} {
		if res, _ := s.get(t, "GET", p); res.StatusCode != http.StatusNotFound {
			t.Errorf("%s: %d, want 404", p, res.StatusCode)
		}
	}

	// A slug another list has is refused in Arabic, and nothing moves.
	res, body = s.postAs(t, ed, fmt.Sprintf("/newsroom/authors/%d", author.ID), url.Values{"name": {author.Name}, "slug": {"ياسين-قطيب"}})
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "يوجد كاتب آخر بهذا الاسم في الرابط") ||
		!strings.Contains(body, `value="ياسين-قطيب"`) {
		t.Errorf("taken author slug: %d", res.StatusCode)
	}
	res, body = s.postAs(t, ed, fmt.Sprintf("/newsroom/tags/%d", tag.ID), url.Values{"name": {" "}, "slug": {"x"}})
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "اسم الوسم مطلوب") {
		t.Errorf("empty tag name: %d", res.StatusCode)
	}
	if got, _ := s.store.TagByID(ctx, tag.ID); got != tag {
		t.Errorf("a refused rename changed the tag: %+v", got)
	}
	if _, err := s.store.Redirect(ctx, "/author/ياسين-قطيب"); err == nil {
		t.Error("a refused rename recorded an address")
	}
	contributor := s.signIn(t, "sami@example.ma", news.Contributor)
	if res, _ := s.postAs(t, contributor, fmt.Sprintf("/newsroom/tags/%d", tag.ID), url.Values{"name": {"x"}, "slug": {"x"}}); res.StatusCode != http.StatusNotFound {
		t.Errorf("a contributor renames a tag: %d", res.StatusCode)
	}
}

// TestImportedAddresses: rows an import writes (WordPress's query
// addresses, old paths, uploads) answer from the table.
func TestImportedAddresses(t *testing.T) {
	s := newServer(t)
	ctx := context.Background()
	seed, err := s.store.ArticleBySlug(ctx, demo.SeedSlug)
	if err != nil {
		t.Fatal(err)
	}
	sport, err := s.store.SectionBySlug(ctx, "sport")
	if err != nil {
		t.Fatal(err)
	}
	rows := []news.Redirect{
		{Path: news.RedirectKey("/", "p=12"), Kind: news.RedirectArticle, TargetID: seed.ID},
		{Path: news.RedirectKey("/", "cat=4"), Kind: news.RedirectSection, TargetID: sport.ID},
		{Path: news.RedirectKey("/", "page_id=3"), Kind: news.RedirectPage, TargetID: 3},
		{Path: news.RedirectKey("/gone-page", ""), Kind: news.RedirectPage, TargetID: 999},
		{Path: news.RedirectKey("/2022/11/04/hammouchi-qatar/", ""), Kind: news.RedirectArticle, TargetID: seed.ID},
		{Path: news.RedirectKey("/category/sport/", ""), Kind: news.RedirectPath, Target: "/section/sport"},
		{Path: news.RedirectKey("/wp-content/uploads/2022/11/x.jpg", ""), Kind: news.RedirectMedia, Target: "2022/11/x.jpg"},
		{Path: news.RedirectKey("/evil", ""), Kind: news.RedirectPath, Target: "//evil.example/"},
		{Path: news.RedirectKey("/self", ""), Kind: news.RedirectPath, Target: "/self/"},
		{Path: news.RedirectKey("/about-us", ""), Kind: news.RedirectPage, TargetID: 3},
		{Path: news.RedirectKey("/deleted", ""), Kind: news.RedirectArticle, TargetID: 999999},
	}
	for _, r := range rows {
		if err := s.store.PutRedirect(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	s.leadsTo(t, "/?p=12", seedPath)
	s.leadsTo(t, "/?p=12&utm_source=facebook", seedPath)
	s.leadsTo(t, "/?cat=4", "/section/sport")
	s.leadsTo(t, "/2022/11/04/hammouchi-qatar", seedPath)
	s.leadsTo(t, "/2022/11/04/Hammouchi-Qatar/", seedPath)
	s.leadsTo(t, "/category/sport", "/section/sport")
	// Their pages and feeds lead there too.
	s.leadsTo(t, "/category/sport/page/3/", "/section/sport")
	s.leadsTo(t, "/category/sport/feed/", "/section/sport")
	s.leadsTo(t, "/2022/11/04/hammouchi-qatar/feed/", seedPath)
	res, _ := s.get(t, "GET", "/wp-content/uploads/2022/11/x.jpg")
	if res.StatusCode != http.StatusMovedPermanently || res.Header.Get("Location") != "/media/2022/11/x.jpg" {
		t.Errorf("upload: %d to %q", res.StatusCode, res.Header.Get("Location"))
	}
	// Unknown WordPress ids and other queries get the front page.
	for _, p := range []string{"/?p=13", "/?utm_source=x"} {
		if res, body := s.get(t, "GET", p); res.StatusCode != 200 || !strings.Contains(body, seedHeadline) {
			t.Errorf("%s: %d, want the front page", p, res.StatusCode)
		}
	}
	// A static page's old addresses lead to its current one.
	terms, err := s.store.PageByID(ctx, 3)
	if err != nil {
		t.Fatal(err)
	}
	s.leadsTo(t, "/about-us", view.StaticPagePath(terms))
	s.leadsTo(t, "/?page_id=3", view.StaticPagePath(terms))
	// What cannot be answered safely is 404: another host, itself, a
	// page that does not exist, an article deleted since.
	for _, p := range []string{"/evil", "/self", "/gone-page", "/deleted"} {
		res, body := s.get(t, "GET", p)
		if res.StatusCode != http.StatusNotFound || !strings.Contains(body, "الصفحة غير موجودة") {
			t.Errorf("%s: %d to %q, want 404", p, res.StatusCode, res.Header.Get("Location"))
		}
	}
	// Only reading follows old addresses.
	if res, _ := s.get(t, "DELETE", "/category/sport"); res.StatusCode != http.StatusNotFound {
		t.Errorf("DELETE of an old address: %d", res.StatusCode)
	}
	if res, _ := s.get(t, "HEAD", "/category/sport"); res.StatusCode != http.StatusMovedPermanently {
		t.Errorf("HEAD of an old address: %d", res.StatusCode)
	}
}
