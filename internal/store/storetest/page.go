package storetest

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/midad/midad/internal/news"
	"github.com/midad/midad/internal/store"
)

func staticPage(slug string, status news.Status, inFooter bool, position int) news.StaticPage {
	return news.StaticPage{
		Slug: slug, Title: "صفحة " + slug, Body: "<p>نص الصفحة</p>", Lang: "ar",
		Status: status, InFooter: inFooter, Position: position,
	}
}

func pageSlugs(list []news.StaticPage) string {
	var s []string
	for _, p := range list {
		s = append(s, p.Slug)
	}
	return strings.Join(s, ",")
}

// testPageRoundTrip: a page comes back as stored, its body sanitized,
// by slug and by id; an unknown one is news.ErrNotFound.
func testPageRoundTrip(t *testing.T, s *store.Store) {
	ctx := context.Background()
	p := news.StaticPage{
		Slug: "من-نحن", Title: "من نحن", Lang: "ar", Status: news.Published, InFooter: true, Position: 3,
		Body:    `<p>جريدة مغربية <a href="javascript:alert(1)">مستقلة</a></p><script>alert(1)</script>`,
		Created: base, Updated: base,
	}
	must(t, s.CreatePage(ctx, &p))
	if p.ID == 0 || p.Version != 1 {
		t.Fatalf("created page: id %d, version %d", p.ID, p.Version)
	}
	if strings.Contains(p.Body, "script") || strings.Contains(p.Body, "javascript") || !strings.Contains(p.Body, "مستقلة") {
		t.Fatalf("body not sanitized: %q", p.Body)
	}
	bySlug, err := s.PageBySlug(ctx, "من-نحن")
	must(t, err)
	byID, err := s.PageByID(ctx, p.ID)
	must(t, err)
	for _, got := range []news.StaticPage{bySlug, byID} {
		if got != p {
			t.Errorf("stored page\n got %+v\nwant %+v", got, p)
		}
	}
	if _, err := s.PageBySlug(ctx, "غير-موجودة"); !errors.Is(err, news.ErrNotFound) {
		t.Errorf("unknown slug: %v", err)
	}
	if _, err := s.PageByID(ctx, p.ID+100); !errors.Is(err, news.ErrNotFound) {
		t.Errorf("unknown id: %v", err)
	}
	if err := s.UpdatePage(ctx, &news.StaticPage{ID: p.ID + 100, Slug: "x", Title: "x", Lang: "ar", Status: news.Draft}); !errors.Is(err, news.ErrNotFound) {
		t.Errorf("update of an unknown page: %v", err)
	}
}

// testInvalidPageStoresNothing: a page that breaks a rule is refused with
// the field and the message key, and nothing is stored.
func testInvalidPageStoresNothing(t *testing.T, s *store.Store) {
	ctx := context.Background()
	taken := staticPage("about", news.Published, true, 1)
	must(t, s.CreatePage(ctx, &taken))
	cases := []struct {
		name       string
		edit       func(*news.StaticPage)
		field, key string
	}{
		{"empty title", func(p *news.StaticPage) { p.Title = "  " }, "title", "error.field.required"},
		{"overlong title", func(p *news.StaticPage) { p.Title = strings.Repeat("ع", news.MaxHeadline+1) }, "title", "error.field.too_long"},
		{"empty slug", func(p *news.StaticPage) { p.Slug = "" }, "slug", "error.field.required"},
		{"slug with a slash", func(p *news.StaticPage) { p.Slug = "a/b" }, "slug", "error.field.invalid_slug"},
		{"taken slug", func(p *news.StaticPage) { p.Slug = "about" }, "slug", "error.field.page_slug_taken"},
		{"NUL in the body", func(p *news.StaticPage) { p.Body = "<p>a\x00b</p>" }, "body", "error.field.invalid_text"},
		{"article status", func(p *news.StaticPage) { p.Status = news.InReview }, "status", "error.field.invalid_status"},
		{"unknown language", func(p *news.StaticPage) { p.Lang = "en" }, "lang", "error.field.invalid_lang"},
		{"negative position", func(p *news.StaticPage) { p.Position = -1 }, "position", "error.field.invalid_position"},
	}
	for _, c := range cases {
		p := staticPage("new-page", news.Published, true, 2)
		c.edit(&p)
		err := s.CreatePage(ctx, &p)
		var fe *news.FieldError
		if !errors.As(err, &fe) || fe.Field != c.field || fe.Key != c.key {
			t.Errorf("%s: %v, want %s %s", c.name, err, c.field, c.key)
		}
	}
	list, err := s.Pages(ctx)
	must(t, err)
	if len(list) != 1 {
		t.Fatalf("refused pages were stored: %s", pageSlugs(list))
	}
}

// testUpdatePage: an update made from the stored version replaces the
// page; a stale one changes nothing. A new slug records the old address
// in the redirect table; a taken one is refused and records nothing.
func testUpdatePage(t *testing.T, s *store.Store) {
	ctx := context.Background()
	p := staticPage("اتصل-بنا", news.Draft, false, 0)
	must(t, s.CreatePage(ctx, &p))
	other := staticPage("terms", news.Published, true, 1)
	must(t, s.CreatePage(ctx, &other))

	stale := p
	p.Title, p.Slug, p.Status, p.InFooter, p.Position = "راسلونا", "راسلونا", news.Published, true, 2
	p.Body = `<p onclick="x()">البريد</p>`
	must(t, s.UpdatePage(ctx, &p))
	if p.Version != 2 || p.Body != "<p>البريد</p>" {
		t.Fatalf("after update: version %d, body %q", p.Version, p.Body)
	}
	got, err := s.PageByID(ctx, p.ID)
	must(t, err)
	if got != p {
		t.Fatalf("stored after update\n got %+v\nwant %+v", got, p)
	}
	if _, err := s.PageBySlug(ctx, "اتصل-بنا"); !errors.Is(err, news.ErrNotFound) {
		t.Errorf("old slug still finds the page: %v", err)
	}
	// The old address, in any spelling, leads to the page.
	for _, path := range []string{"/page/اتصل-بنا", "/page/%D8%A7%D8%AA%D8%B5%D9%84-%D8%A8%D9%86%D8%A7/"} {
		r, err := s.Redirect(ctx, news.RedirectKey(path, ""))
		if err != nil || r.Kind != news.RedirectPage || r.TargetID != p.ID {
			t.Errorf("redirect from %s: %+v, %v", path, r, err)
		}
	}

	stale.Title = "عنوان قديم"
	if err := s.UpdatePage(ctx, &stale); !errors.Is(err, news.ErrConflict) {
		t.Fatalf("stale update: %v", err)
	}
	if got, _ := s.PageByID(ctx, p.ID); got.Title != p.Title {
		t.Fatal("a stale update overwrote the page")
	}

	clash := p
	clash.Slug, clash.Title = "terms", "عنوان آخر"
	var fe *news.FieldError
	if err := s.UpdatePage(ctx, &clash); !errors.As(err, &fe) || fe.Key != "error.field.page_slug_taken" {
		t.Fatalf("taken slug: %v", err)
	}
	if got, _ := s.PageByID(ctx, p.ID); got.Title != p.Title || got.Version != p.Version {
		t.Fatal("a refused update changed the page")
	}
	if _, err := s.Redirect(ctx, news.RedirectKey("/page/راسلونا", "")); !errors.Is(err, news.ErrNotFound) {
		t.Errorf("a refused rename recorded a redirect: %v", err)
	}

	// Renamed back, the page's first address is its own again.
	p.Slug = "اتصل-بنا"
	must(t, s.UpdatePage(ctx, &p))
	if _, err := s.Redirect(ctx, news.RedirectKey("/page/اتصل-بنا", "")); !errors.Is(err, news.ErrNotFound) {
		t.Errorf("the page's own address is still a redirect: %v", err)
	}
	if r, err := s.Redirect(ctx, news.RedirectKey("/page/راسلونا", "")); err != nil || r.TargetID != p.ID {
		t.Errorf("redirect from the second slug: %+v, %v", r, err)
	}
}

// testFooterPages: the footer lists the published pages marked for it, in
// their order; the newsroom's list has every page.
func testFooterPages(t *testing.T, s *store.Store) {
	ctx := context.Background()
	for _, p := range []news.StaticPage{
		staticPage("advertise", news.Published, true, 4),
		staticPage("about", news.Published, true, 1),
		staticPage("draft", news.Draft, true, 0),
		staticPage("hidden", news.Published, false, 2),
		staticPage("contact", news.Published, true, 2),
	} {
		must(t, s.CreatePage(ctx, &p))
	}
	footer, err := s.FooterPages(ctx)
	must(t, err)
	if got := pageSlugs(footer); got != "about,contact,advertise" {
		t.Errorf("footer pages: %s", got)
	}
	all, err := s.Pages(ctx)
	must(t, err)
	if len(all) != 5 {
		t.Errorf("all pages: %s", pageSlugs(all))
	}
}
