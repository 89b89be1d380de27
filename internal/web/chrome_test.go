package web_test

import (
	"context"
	"html"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/midad/midad/internal/demo"
	"github.com/midad/midad/internal/news"
	"github.com/midad/midad/internal/web/view"
)

// The layout's settings, sections and footer are read once per content
// generation; a change is on the very next page rendered afresh (the page
// cache bypassed by a session cookie), on every kind of page.
func TestChromeNextRenderSeesChange(t *testing.T) {
	s := newServer(t)
	ctx := context.Background()
	seed, err := s.store.ArticleBySlug(ctx, demo.SeedSlug)
	if err != nil {
		t.Fatal(err)
	}
	paths := []string{"/", seedPath, "/section/" + seed.Section.Slug}
	render := func(path string) string {
		t.Helper()
		req, _ := http.NewRequest("GET", s.URL+path, nil)
		req.AddCookie(&http.Cookie{Name: "midad_session", Value: "reader"})
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		if res.StatusCode != 200 {
			t.Fatalf("%s: %d", path, res.StatusCode)
		}
		return string(b)
	}
	for _, p := range paths { // the chrome memoized
		render(p)
	}
	for i, name := range []string{"جريدة الاختبار الأولى", "جريدة الاختبار الثانية"} {
		set, err := s.store.Settings(ctx)
		if err != nil {
			t.Fatal(err)
		}
		set.SiteName = name
		if err := s.store.SaveSettings(ctx, set); err != nil {
			t.Fatal(err)
		}
		for _, p := range paths {
			if body := render(p); !strings.Contains(body, name) {
				t.Errorf("change %d: %s rendered after the settings were saved lacks the new site name %q", i, p, name)
			}
		}
	}
	sec := seed.Section
	sec.Name = "قسم بإسم جديد"
	if err := s.store.UpdateSection(ctx, sec); err != nil {
		t.Fatal(err)
	}
	if body := render("/"); !strings.Contains(body, sec.Name) {
		t.Errorf("the front page rendered after a section's rename lacks its new name")
	}
}

// An article lists the newest other visible stories of its section, four
// at most, never itself.
func TestArticleRelated(t *testing.T) {
	s := newServer(t)
	ctx := context.Background()
	now := time.Date(2026, 11, 29, 10, 0, 0, 0, time.UTC)
	latest, _, err := s.store.PublishedPage(ctx, news.Filter{Now: now}, news.Page{Number: 1, Size: 50})
	if err != nil {
		t.Fatal(err)
	}
	var seed news.Article
	var want []news.Article
	for _, a := range latest { // an article whose section has 4 others
		others, _, err := s.store.PublishedPage(ctx, news.Filter{Now: now, SectionID: a.Section.ID, ExcludeID: a.ID}, news.Page{Number: 1, Size: 4})
		if err != nil {
			t.Fatal(err)
		}
		if len(others) == 4 {
			seed, want = a, others
			break
		}
	}
	if len(want) != 4 {
		t.Fatalf("no section with 5 articles among the %d newest", len(latest))
	}
	res, err := http.Get(s.URL + view.ArticlePath(seed))
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	body := string(b)
	i := strings.Index(body, `class="related"`)
	if i < 0 {
		t.Fatal("no related stories on the article page")
	}
	related := body[i:]
	related = related[:strings.Index(related, "</section>")]
	if got := strings.Count(related, "<li "); got != 4 {
		t.Errorf("%d related stories, want 4", got)
	}
	for _, a := range want {
		if !strings.Contains(related, html.EscapeString(view.ArticlePath(a))) {
			t.Errorf("related stories lack %q", view.ArticlePath(a))
		}
	}
	if strings.Contains(related, html.EscapeString(view.ArticlePath(seed))) {
		t.Error("the article is among its own related stories")
	}
}
