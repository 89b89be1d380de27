package demo_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/midad/midad/internal/demo"
	"github.com/midad/midad/internal/news"
	"github.com/midad/midad/internal/store"
)

func TestLoad(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, "sqlite:"+filepath.Join(t.TempDir(), "demo.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := demo.Load(ctx, st); err != nil {
		t.Fatal(err)
	}

	n, err := st.CountArticles(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if n < 301 {
		t.Errorf("%d demo articles, want the seed and at least 300 from ANT", n)
	}

	a, err := st.ArticleBySlug(ctx, demo.SeedSlug)
	if err != nil {
		t.Fatal(err)
	}
	if a.Section.Name != "الأولى" || a.Kicker != "الخبرة المغربية في كأس العالم" ||
		len(a.Authors) != 1 || a.Authors[0].Name != "ياسين قُطيب" {
		t.Errorf("seed article: section %q kicker %q authors %v", a.Section.Name, a.Kicker, a.Authors)
	}
	if a.Published.Year() != 2022 || a.Published.Month() != time.November || a.Published.Day() > 10 {
		t.Errorf("seed published %v, want early November 2022", a.Published)
	}
	// Every paragraph of the seed page is in the body, verbatim (the body
	// escapes nothing that the seed contains but quotes).
	seed, err := os.ReadFile("../../e2e/testdata/seed.txt")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(seed), "\n")
	start, end := indexOf(lines, a.Headline)+1, indexOf(lines, "ياسين قُطيب")
	if start == 0 || end < start {
		t.Fatal("seed text layout changed")
	}
	paragraphs := 0
	for _, p := range lines[start:end] {
		if p = strings.TrimSpace(p); p == "" {
			continue
		}
		paragraphs++
		if !strings.Contains(a.Body, "<p>"+p+"</p>") {
			t.Errorf("body lacks the paragraph %q", p)
		}
	}
	if paragraphs != 8 || strings.Count(a.Body, "<p>") != paragraphs {
		t.Errorf("%d seed paragraphs, %d in the body", paragraphs, strings.Count(a.Body, "<p>"))
	}

	set, err := st.Settings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := set.AdAt("article"); !ok || set.AdBlock.Title != "انت تستخدم إضافة تمنع الإعلانات" {
		t.Errorf("demo settings: %+v", set)
	}

	// Every ANT section got articles, all bylined to their source.
	for _, sec := range demo.Sections {
		s, err := st.SectionBySlug(ctx, sec.Slug)
		if err != nil {
			t.Fatal(err)
		}
		list, err := st.PublishedArticles(ctx, news.Filter{Now: time.Now(), SectionID: s.ID}, news.Page{Number: 1, Size: 1})
		if err != nil {
			t.Fatal(err)
		}
		if list.Total == 0 {
			t.Errorf("section %s is empty", sec.Slug)
		}
	}
	fm, err := st.AuthorBySlug(ctx, "jawhara-fm")
	if err != nil {
		t.Fatal(err)
	}
	list, err := st.PublishedArticles(ctx, news.Filter{Now: time.Now(), AuthorID: fm.ID}, news.Page{Number: 1, Size: 1})
	if err != nil {
		t.Fatal(err)
	}
	if list.Total != n-1 {
		t.Errorf("%d articles bylined to Jawhara FM, want %d", list.Total, n-1)
	}

	// The footer links to the paper's pages, in order.
	footer, err := st.FooterPages(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var titles []string
	for _, p := range footer {
		titles = append(titles, p.Title)
		if p.Slug != strings.ReplaceAll(p.Title, " ", "-") || len(p.Body) < 200 {
			t.Errorf("demo page %q: slug %q, body of %d bytes", p.Title, p.Slug, len(p.Body))
		}
	}
	if got := strings.Join(titles, "|"); got != "من نحن|اتصل بنا|شروط الاستخدام|للإعلان" {
		t.Errorf("footer pages: %s", got)
	}
}

func indexOf(lines []string, s string) int {
	for i, l := range lines {
		if strings.TrimSpace(l) == s {
			return i
		}
	}
	return -1
}

// TestLoadResumes: a demo load cut short (the process killed after some
// articles) is finished by the next start, without duplicates; a database
// with the newsroom's own articles is left alone.
func TestLoadResumes(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, "sqlite:"+filepath.Join(t.TempDir(), "demo.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	full := func() int {
		if err := demo.Load(ctx, st); err != nil {
			t.Fatal(err)
		}
		n, _ := st.CountArticles(ctx)
		return n
	}
	want := full()

	// Cut short after the last article but before the marker: the next
	// start runs the load again, and it adds nothing twice.
	if err := st.SetMeta(ctx, "demo", "loading"); err != nil {
		t.Fatal(err)
	}
	loaded, err := demo.LoadIfEmpty(ctx, st)
	if err != nil || !loaded {
		t.Fatalf("resume: loaded=%v err=%v", loaded, err)
	}
	if n, _ := st.CountArticles(ctx); n != want {
		t.Errorf("%d articles after resuming, want %d", n, want)
	}
	if pages, err := st.Pages(ctx); err != nil || len(pages) != len(demo.Pages) {
		t.Errorf("%d pages after resuming (%v), want %d", len(pages), err, len(demo.Pages))
	}
	if loaded, err := demo.LoadIfEmpty(ctx, st); err != nil || loaded {
		t.Errorf("a finished demo was loaded again: loaded=%v err=%v", loaded, err)
	}
}

func TestLoadIfEmptyLeavesARealPaperAlone(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, "sqlite:"+filepath.Join(t.TempDir(), "paper.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	sec := news.Section{Slug: "first", Name: "الأولى"}
	au := news.Author{Slug: "x", Name: "س"}
	if err := errors.Join(st.CreateSection(ctx, &sec), st.CreateAuthor(ctx, &au)); err != nil {
		t.Fatal(err)
	}
	a := news.Article{Slug: "ours", Headline: "خبرنا", Lang: "ar", Status: news.Published, Section: sec,
		Authors: []news.Author{au}, Published: time.Now()}
	if err := st.CreateArticle(ctx, &a); err != nil {
		t.Fatal(err)
	}
	if loaded, err := demo.LoadIfEmpty(ctx, st); err != nil || loaded {
		t.Fatalf("loaded=%v err=%v", loaded, err)
	}
	if n, _ := st.CountArticles(ctx); n != 1 {
		t.Errorf("%d articles, want our one", n)
	}
}
