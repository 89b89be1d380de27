package web_test

import (
	"context"
	"fmt"
	"net/http"
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

func (s *server) pageCount(t *testing.T) int {
	t.Helper()
	list, err := s.store.Pages(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return len(list)
}

func pageForm(title, slug, status string) url.Values {
	return url.Values{"title": {title}, "slug": {slug}, "body": {"<p>نص الصفحة</p>"}, "lang": {"ar"},
		"status": {status}, "position": {"5"}, "in_footer": {"on"}}
}

// TestNewsroomWritesAPage: an editor writes a page with the article
// editor, keeps it as a draft that readers cannot see, publishes it into
// the footer, and renames it; a save made from an old version is refused.
func TestNewsroomWritesAPage(t *testing.T) {
	s := newServer(t)
	ctx := context.Background()
	editor := s.signIn(t, "huda@example.ma", news.Editor)

	if _, body := s.getAs(t, editor, "/newsroom/"); !strings.Contains(body, `<a href="/newsroom/pages">الصفحات الثابتة</a>`) {
		t.Error("the newsroom's home does not link to the pages")
	}
	res, body := s.getAs(t, editor, "/newsroom/pages")
	if res.StatusCode != 200 || !strings.Contains(body, ">من نحن</a>") || !strings.Contains(body, `href="/newsroom/pages/new"`) {
		t.Fatalf("page list: %d", res.StatusCode)
	}
	res, body = s.getAs(t, editor, "/newsroom/pages/new")
	if res.StatusCode != 200 {
		t.Fatalf("new page form: %d", res.StatusCode)
	}
	arabicPage(t, body)
	for _, want := range []string{`<textarea id="body" name="body" rows="16" data-editor dir="rtl"`, `/static/editor.`, `name="title"`, `name="in_footer"`} {
		if !strings.Contains(body, want) {
			t.Errorf("new page form lacks %s", want)
		}
	}

	// A draft, its slug made from its title.
	form := pageForm("سياسة الخصوصية", "", "draft")
	form.Set("body", `<p>لا نبيع معطياتكم.</p><script>alert(1)</script>`)
	res, _ = s.postAs(t, editor, "/newsroom/pages", form)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("create: %d", res.StatusCode)
	}
	p, err := s.store.PageBySlug(ctx, "سياسة-الخصوصية")
	if err != nil {
		t.Fatal(err)
	}
	if loc := res.Header.Get("Location"); loc != fmt.Sprintf("/newsroom/pages/%d?saved=1", p.ID) {
		t.Errorf("after create: sent to %s", loc)
	}
	if p.Status != news.Draft || !p.InFooter || p.Position != 5 || p.Body != "<p>لا نبيع معطياتكم.</p>" || p.CreatedBy == 0 {
		t.Fatalf("stored page: %+v", p)
	}
	path := "/page/" + url.PathEscape(p.Slug)
	if res, _ := s.get(t, "GET", path); res.StatusCode != 404 {
		t.Errorf("a draft page answers %d", res.StatusCode)
	}
	if _, body := s.get(t, "GET", "/"); strings.Contains(body, "سياسة الخصوصية") {
		t.Error("the footer links to a draft")
	}
	editPath := fmt.Sprintf("/newsroom/pages/%d", p.ID)
	res, body = s.getAs(t, editor, editPath+"?saved=1")
	if res.StatusCode != 200 || !strings.Contains(body, "حُفظت الصفحة.") || !strings.Contains(body, `value="سياسة الخصوصية"`) {
		t.Fatalf("edit form: %d", res.StatusCode)
	}

	// Published: readers see it, the footer links to it after the others.
	form.Set("status", "published")
	form.Set("version", "1")
	form.Set("slug", p.Slug)
	if res, _ := s.postAs(t, editor, editPath, form); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("publish: %d", res.StatusCode)
	}
	res, body = s.get(t, "GET", path)
	if res.StatusCode != 200 || !strings.Contains(body, "لا نبيع معطياتكم.") {
		t.Fatalf("published page: %d", res.StatusCode)
	}
	footer := body[strings.Index(body, `<footer`):]
	if i, j := strings.Index(footer, "للإعلان"), strings.Index(footer, `href="`+path+`"`); i < 0 || j < i {
		t.Errorf("footer order: للإعلان at %d, the new page at %d", i, j)
	}

	// A save from version 1 again: someone saved since, nothing changes.
	form.Set("title", "عنوان من نسخة قديمة")
	res, body = s.postAs(t, editor, editPath, form)
	if res.StatusCode != http.StatusConflict || !strings.Contains(body, "حفظ شخص آخر هذه الصفحة") ||
		!strings.Contains(body, `name="version" value="2"`) || !strings.Contains(body, `value="عنوان من نسخة قديمة"`) {
		t.Fatalf("stale save: %d", res.StatusCode)
	}
	if got, _ := s.store.PageByID(ctx, p.ID); got.Title != "سياسة الخصوصية" || got.Version != 2 {
		t.Fatalf("a stale save changed the page: %+v", got)
	}

	// Renamed: the old address is kept for the redirect.
	form.Set("version", "2")
	form.Set("title", "الخصوصية")
	form.Set("slug", "الخصوصية")
	if res, _ := s.postAs(t, editor, editPath, form); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("rename: %d", res.StatusCode)
	}
	if r, err := s.store.Redirect(ctx, news.RedirectKey(path, "")); err != nil || r.Kind != news.RedirectPage || r.TargetID != p.ID {
		t.Errorf("redirect from the old address: %+v, %v", r, err)
	}
	if res, _ := s.get(t, "GET", "/page/"+url.PathEscape("الخصوصية")); res.StatusCode != 200 {
		t.Errorf("renamed page: %d", res.StatusCode)
	}
}

// TestPagesNeedAnEditor: contributors and authors are told that pages are
// not theirs to write, and nothing they send is stored.
func TestPagesNeedAnEditor(t *testing.T) {
	s := newServer(t)
	ctx := context.Background()
	about, err := s.store.PageBySlug(ctx, "من-نحن")
	if err != nil {
		t.Fatal(err)
	}
	aboutEdit := fmt.Sprintf("/newsroom/pages/%d", about.ID)
	for _, role := range []news.Role{news.Contributor, news.AuthorRole} {
		c := s.signIn(t, string(role)+"@example.ma", role)
		if _, body := s.getAs(t, c, "/newsroom/"); strings.Contains(body, `href="/newsroom/pages"`) {
			t.Errorf("%s: the home links to the pages", role)
		}
		for _, path := range []string{"/newsroom/pages", "/newsroom/pages/new", aboutEdit} {
			res, body := s.getAs(t, c, path)
			if res.StatusCode != http.StatusForbidden || !strings.Contains(body, "الصفحات الثابتة من صلاحيات المحررين والمديرين") {
				t.Errorf("%s GET %s: %d", role, path, res.StatusCode)
			}
			if strings.Contains(body, "<form method=\"post\" action=\"/newsroom/pages") {
				t.Errorf("%s GET %s: shows the form", role, path)
			}
		}
		form := pageForm("صفحة مساهم", "", "published")
		for _, path := range []string{"/newsroom/pages", aboutEdit} {
			form.Set("version", "1")
			res, body := s.postAs(t, c, path, form)
			if res.StatusCode != http.StatusForbidden || !strings.Contains(body, "الصفحات الثابتة من صلاحيات المحررين والمديرين") {
				t.Errorf("%s POST %s: %d", role, path, res.StatusCode)
			}
		}
	}
	if n := s.pageCount(t); n != 4 {
		t.Errorf("%d pages, want the demo's 4", n)
	}
	if got, _ := s.store.PageByID(ctx, about.ID); got != about {
		t.Errorf("a refused save changed the page: %+v", got)
	}
	// An admin may.
	admin := s.signIn(t, "admin@example.ma", news.Admin)
	if res, _ := s.postAs(t, admin, "/newsroom/pages", pageForm("صفحة المدير", "", "draft")); res.StatusCode != http.StatusSeeOther {
		t.Errorf("an admin's page: %d", res.StatusCode)
	}
}

// TestPageBadInput: each bad field comes back in Arabic next to the form,
// with what was typed, and stores nothing.
func TestPageBadInput(t *testing.T) {
	s := newServer(t)
	editor := s.signIn(t, "huda@example.ma", news.Editor)
	cases := []struct {
		name   string
		edit   func(url.Values)
		status int
		want   string
	}{
		{"empty title", func(f url.Values) { f.Set("title", "  ") }, 422, "هذا الحقل مطلوب."},
		{"overlong title", func(f url.Values) { f.Set("title", strings.Repeat("ع", news.MaxHeadline+1)) }, 422, "النص أطول من المسموح به."},
		{"taken slug", func(f url.Values) { f.Set("slug", "من-نحن") }, 422, "هذا الاسم في الرابط مستعمل لصفحة أخرى."},
		{"slug with a slash", func(f url.Values) { f.Set("slug", "a/b") }, 422, "لا يقبل الاسم في الرابط المسافات"},
		{"overlong body", func(f url.Values) { f.Set("body", "<p>"+strings.Repeat("ع", news.MaxBody)+"</p>") }, 422, "النص أطول من المسموح به."},
		{"position not a number", func(f url.Values) { f.Set("position", "أول") }, 422, "الترتيب رقم صحيح بين 0 و10000."},
		{"negative position", func(f url.Values) { f.Set("position", "-3") }, 422, "الترتيب رقم صحيح بين 0 و10000."},
		{"article status", func(f url.Values) { f.Set("status", "scheduled") }, 422, "حالة غير معروفة."},
		{"unknown language", func(f url.Values) { f.Set("lang", "en") }, 422, "اختر العربية أو الفرنسية."},
		{"control character", func(f url.Values) { f.Set("title", "عنوان\x07") }, 422, "يحتوي النص على رموز غير مقبولة."},
		{"malformed version", func(f url.Values) { f.Set("version", "x") }, 400, "طلب غير صالح"},
		{"too large", func(f url.Values) { f.Set("body", strings.Repeat("a", 3<<20)) }, 413, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			form := pageForm("صفحة جديدة للتجربة", "", "published")
			c.edit(form)
			res, body := s.postAs(t, editor, "/newsroom/pages", form)
			if res.StatusCode != c.status || !strings.Contains(body, c.want) {
				t.Fatalf("status %d, want %d with %q", res.StatusCode, c.status, c.want)
			}
			arabicPage(t, body)
			if c.status == 422 {
				if !strings.Contains(body, "لم تُحفظ الصفحة: صحّح الحقول المشار إليها.") || !strings.Contains(body, `aria-invalid="true"`) {
					t.Error("the form does not say what to correct")
				}
				if form.Get("title") == "صفحة جديدة للتجربة" && !strings.Contains(body, `value="صفحة جديدة للتجربة"`) {
					t.Error("the typed title is lost")
				}
			}
			if n := s.pageCount(t); n != 4 {
				t.Errorf("%d pages stored, want the demo's 4", n)
			}
		})
	}
}
