package web_test

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/midad/midad/internal/demo"
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
