// Package storetest is the storage suite every backend must pass. A backend's
// test calls Run with a function that opens a fresh, empty store.
package storetest

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/midad/midad/internal/news"
	"github.com/midad/midad/internal/store"
)

// Opener returns a new empty store for one test; it registers its own cleanup.
type Opener func(t *testing.T) *store.Store

// Run runs the whole suite.
func Run(t *testing.T, open Opener) {
	tests := []struct {
		name string
		fn   func(*testing.T, *store.Store)
	}{
		{"ArticleRoundTrip", testArticleRoundTrip},
		{"NotFound", testNotFound},
		{"InvalidArticleStoresNothing", testInvalidArticleStoresNothing},
		{"FailedInsertStoresNothing", testFailedInsertStoresNothing},
		{"PublishedArticlesFiltersAndPages", testPublishedArticles},
		{"LatestBySection", testLatestBySection},
		{"Sections", testSections},
		{"Settings", testSettings},
		{"Search", testSearch},
		{"SearchIndexFollowsWrites", testSearchIndexFollowsWrites},
		{"SearchCountStops", testSearchCountStops},
		{"CommentRoundTrip", testCommentRoundTrip},
		{"CommentRequiresKeyAndStatus", testCommentRequiresKeyAndStatus},
		{"CommentDuplicateKey", testCommentDuplicateKey},
		{"CommentConcurrentSameKey", testCommentConcurrentSameKey},
		{"CommentConcurrentDistinctKeys", testCommentConcurrentDistinctKeys},
		{"CommentRateLimitPerIP", testCommentRateLimitPerIP},
		{"CommentRateLimitPerEmail", testCommentRateLimitPerEmail},
		{"CommentRateLimitWindow", testCommentRateLimitWindow},
		{"CommentRateLimitConcurrent", testCommentRateLimitConcurrent},
		{"CommentStatusAndDelete", testCommentStatusAndDelete},
		{"HasApprovedComment", testHasApprovedComment},
		{"CommentsFilter", testCommentsFilter},
		{"UpdateComment", testUpdateComment},
		{"CommentUnknownArticle", testCommentUnknownArticle},
		{"Refusals", testRefusals},
		{"Secret", testSecret},
		{"LoginAttemptsConcurrent", testLoginAttemptsConcurrent},
		{"Check", testCheck},
		{"SetCommentsClosed", testSetCommentsClosed},
		{"UpdateArticle", testUpdateArticle},
		{"Breaking", testBreaking},
		{"ConcurrentNewTags", testConcurrentNewTags},
		{"PageRoundTrip", testPageRoundTrip},
		{"InvalidPageStoresNothing", testInvalidPageStoresNothing},
		{"UpdatePage", testUpdatePage},
		{"FooterPages", testFooterPages},
		{"ArticleRenameRecordsAddress", testArticleRenameRecordsAddress},
		{"ListRenameRecordsAddress", testListRenameRecordsAddress},
		{"PutRedirect", testPutRedirect},
		{"SitemapStamps", testSitemapStamps},
		{"SitemapArticles", testSitemapArticles},
		{"SitemapListings", testSitemapListings},
		{"ImageFocus", testImageFocus},
		{"SetUserPassword", testSetUserPassword},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { tt.fn(t, open(t)) })
	}
}

var base = time.Date(2022, 11, 4, 9, 30, 0, 0, time.UTC)

// fixture is a small newspaper: two sections, two authors, one tag.
type fixture struct {
	first, sport news.Section
	yassine, fm  news.Author
	qatar        news.Tag
}

func newFixture(t *testing.T, s *store.Store) fixture {
	t.Helper()
	ctx := context.Background()
	f := fixture{
		first:   news.Section{Slug: "first", Name: "الأولى", Position: 1},
		sport:   news.Section{Slug: "sport", Name: "رياضة", Position: 2},
		yassine: news.Author{Slug: "ياسين-قطيب", Name: "ياسين قُطيب", Bio: "صحافي"},
		fm:      news.Author{Slug: "jawhara-fm", Name: "جوهرة أف أم"},
		qatar:   news.Tag{Slug: "قطر", Name: "قطر"},
	}
	must(t, s.CreateSection(ctx, &f.first))
	must(t, s.CreateSection(ctx, &f.sport))
	must(t, s.CreateAuthor(ctx, &f.yassine))
	must(t, s.CreateAuthor(ctx, &f.fm))
	must(t, s.CreateTag(ctx, &f.qatar))
	return f
}

func (f fixture) article(slug string, sec news.Section, published time.Time, authors ...news.Author) news.Article {
	return news.Article{
		Slug: slug, Headline: "عنوان " + slug, Body: "<p>نص</p>", Lang: "ar",
		Status: news.Published, Section: sec, Authors: authors, Published: published,
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func testArticleRoundTrip(t *testing.T, s *store.Store) {
	ctx := context.Background()
	f := newFixture(t, s)
	want := news.Article{
		Slug:      "حموشي-في-ضيافة-رئيس-مجلس-الوزراء",
		Kicker:    "الخبرة المغربية في كأس العالم",
		Headline:  "حموشي في ضيافة رئيس مجلس الوزراء ومدير الأمن العام بقطر",
		Summary:   "ملخص",
		Body:      "<p>واكبت الصحافة القطرية “ميليبول قطر 2022″ «السيبراني»</p>",
		Lang:      "ar",
		Status:    news.Published,
		Section:   f.first,
		Authors:   []news.Author{f.yassine, f.fm},
		Tags:      []news.Tag{f.qatar},
		Published: base,
		Updated:   base.Add(time.Hour),
	}
	a := want
	must(t, s.CreateArticle(ctx, &a))
	if a.ID == 0 {
		t.Fatal("CreateArticle did not set the id")
	}
	want.ID = a.ID

	for name, get := range map[string]func() (news.Article, error){
		"by slug": func() (news.Article, error) { return s.ArticleBySlug(ctx, want.Slug) },
		"by id":   func() (news.Article, error) { return s.ArticleByID(ctx, want.ID) },
	} {
		got, err := get()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if diff := compare(got, want); diff != "" {
			t.Errorf("%s: %s", name, diff)
		}
	}
}

// compare returns the first difference between two articles, or "".
func compare(got, want news.Article) string {
	pairs := [][3]string{
		{"slug", got.Slug, want.Slug}, {"kicker", got.Kicker, want.Kicker},
		{"headline", got.Headline, want.Headline}, {"summary", got.Summary, want.Summary},
		{"body", got.Body, want.Body}, {"lang", got.Lang, want.Lang},
		{"status", string(got.Status), string(want.Status)},
		{"section", got.Section.Slug + "/" + got.Section.Name, want.Section.Slug + "/" + want.Section.Name},
		{"authors", fmt.Sprint(got.Authors), fmt.Sprint(want.Authors)},
		{"tags", fmt.Sprint(got.Tags), fmt.Sprint(want.Tags)},
	}
	for _, p := range pairs {
		if p[1] != p[2] {
			return fmt.Sprintf("%s = %q, want %q", p[0], p[1], p[2])
		}
	}
	if got.ID != want.ID {
		return fmt.Sprintf("id = %d, want %d", got.ID, want.ID)
	}
	if !got.Published.Equal(want.Published) || !got.Updated.Equal(want.Updated) {
		return fmt.Sprintf("times = %v/%v, want %v/%v", got.Published, got.Updated, want.Published, want.Updated)
	}
	return ""
}

func testNotFound(t *testing.T, s *store.Store) {
	ctx := context.Background()
	checks := map[string]error{}
	_, checks["article by slug"] = s.ArticleBySlug(ctx, "لا-يوجد")
	_, checks["article by id"] = s.ArticleByID(ctx, 424242)
	_, checks["section"] = s.SectionBySlug(ctx, "nope")
	_, checks["author"] = s.AuthorBySlug(ctx, "nope")
	_, checks["tag"] = s.TagBySlug(ctx, "nope")
	for name, err := range checks {
		if !errors.Is(err, news.ErrNotFound) {
			t.Errorf("%s: err = %v, want news.ErrNotFound", name, err)
		}
	}
}

func count(t *testing.T, s *store.Store) int {
	t.Helper()
	n, err := s.CountArticles(context.Background())
	must(t, err)
	return n
}

func testInvalidArticleStoresNothing(t *testing.T, s *store.Store) {
	ctx := context.Background()
	f := newFixture(t, s)
	bad := []func(*news.Article){
		func(a *news.Article) { a.Headline = "  " },
		func(a *news.Article) { a.Slug = "" },
		func(a *news.Article) { a.Slug = "a/b" },
		func(a *news.Article) { a.Lang = "xx" },
		func(a *news.Article) { a.Status = "gone" },
		func(a *news.Article) { a.Authors = nil },
		func(a *news.Article) { a.Headline = string(make([]rune, news.MaxHeadline+1)) },
		func(a *news.Article) { a.Kicker = "\xff" },
		func(a *news.Article) { a.Summary = "a\x00b" }, // PostgreSQL cannot store NUL; nobody means one
	}
	for i, mutate := range bad {
		a := f.article(fmt.Sprintf("bad-%d", i), f.first, base, f.yassine)
		mutate(&a)
		var fe *news.FieldError
		if err := s.CreateArticle(ctx, &a); !errors.As(err, &fe) {
			t.Errorf("case %d: err = %v, want a *news.FieldError", i, err)
		}
	}
	if n := count(t, s); n != 0 {
		t.Errorf("%d articles stored, want 0", n)
	}
}

func testFailedInsertStoresNothing(t *testing.T, s *store.Store) {
	ctx := context.Background()
	f := newFixture(t, s)
	a := f.article("one", f.first, base, f.yassine)
	must(t, s.CreateArticle(ctx, &a))

	dup := f.article("one", f.first, base, f.yassine)
	if err := s.CreateArticle(ctx, &dup); err == nil {
		t.Error("a second article with the same slug was stored")
	}
	// The article row goes in before its authors; an unknown author must
	// take the article row back out with it.
	ghost := f.article("ghost", f.first, base, news.Author{ID: 99999, Slug: "x", Name: "x"})
	if err := s.CreateArticle(ctx, &ghost); err == nil {
		t.Error("an article with an unknown author was stored")
	}
	if _, err := s.ArticleBySlug(ctx, "ghost"); !errors.Is(err, news.ErrNotFound) {
		t.Errorf("half-stored article: err = %v", err)
	}
	if n := count(t, s); n != 1 {
		t.Errorf("%d articles stored, want 1", n)
	}
}

func testPublishedArticles(t *testing.T, s *store.Store) {
	ctx := context.Background()
	f := newFixture(t, s)
	now := base.Add(24 * time.Hour)
	var newest news.Article
	for i := range 5 {
		a := f.article(fmt.Sprintf("first-%d", i), f.first, base.Add(time.Duration(i)*time.Hour), f.yassine)
		if i == 4 {
			a.Tags = []news.Tag{f.qatar}
		}
		must(t, s.CreateArticle(ctx, &a))
		newest = a
	}
	sport := f.article("sport-0", f.sport, base.Add(30*time.Minute), f.fm)
	must(t, s.CreateArticle(ctx, &sport))
	draft := f.article("draft", f.first, base.Add(10*time.Hour), f.yassine)
	draft.Status = news.Draft
	must(t, s.CreateArticle(ctx, &draft))
	future := f.article("future", f.first, now.Add(time.Minute), f.yassine)
	must(t, s.CreateArticle(ctx, &future))

	tests := []struct {
		name  string
		f     news.Filter
		page  news.Page
		total int
		slugs []string
	}{
		{"all, first page", news.Filter{Now: now}, news.Page{Number: 1, Size: 3}, 6, []string{"first-4", "first-3", "first-2"}},
		{"all, last page", news.Filter{Now: now}, news.Page{Number: 2, Size: 3}, 6, []string{"first-1", "sport-0", "first-0"}},
		{"past the end", news.Filter{Now: now}, news.Page{Number: 9, Size: 3}, 6, nil},
		{"section", news.Filter{Now: now, SectionID: f.sport.ID}, news.Page{Number: 1, Size: 10}, 1, []string{"sport-0"}},
		{"author", news.Filter{Now: now, AuthorID: f.fm.ID}, news.Page{Number: 1, Size: 10}, 1, []string{"sport-0"}},
		{"tag", news.Filter{Now: now, TagID: f.qatar.ID}, news.Page{Number: 1, Size: 10}, 1, []string{"first-4"}},
		{"exclude", news.Filter{Now: now, SectionID: f.first.ID, ExcludeID: newest.ID}, news.Page{Number: 1, Size: 2}, 4, []string{"first-3", "first-2"}},
		{"earlier now hides later", news.Filter{Now: base.Add(90 * time.Minute)}, news.Page{Number: 1, Size: 10}, 3, []string{"first-1", "sport-0", "first-0"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			list, err := s.PublishedArticles(ctx, tt.f, tt.page)
			must(t, err)
			var slugs []string
			for _, a := range list.Articles {
				slugs = append(slugs, a.Slug)
				if len(a.Authors) == 0 {
					t.Errorf("%s: authors not loaded", a.Slug)
				}
			}
			if list.Total != tt.total || fmt.Sprint(slugs) != fmt.Sprint(tt.slugs) {
				t.Errorf("got %d %v, want %d %v", list.Total, slugs, tt.total, tt.slugs)
			}
			// The same page without the count, and whether more follow.
			page, more, err := s.PublishedPage(ctx, tt.f, tt.page)
			must(t, err)
			slugs = nil
			for _, a := range page {
				slugs = append(slugs, a.Slug)
			}
			if wantMore := tt.total > tt.page.Number*tt.page.Size; more != wantMore || fmt.Sprint(slugs) != fmt.Sprint(tt.slugs) {
				t.Errorf("PublishedPage: got %v, more %v; want %v, more %v", slugs, more, tt.slugs, wantMore)
			}
		})
	}
}

func testLatestBySection(t *testing.T, s *store.Store) {
	ctx := context.Background()
	f := newFixture(t, s)
	for i := range 4 {
		a := f.article(fmt.Sprintf("first-%d", i), f.first, base.Add(time.Duration(i)*time.Hour), f.yassine)
		must(t, s.CreateArticle(ctx, &a))
	}
	a := f.article("sport-0", f.sport, base, f.fm)
	must(t, s.CreateArticle(ctx, &a))

	got, err := s.LatestBySection(ctx, base.Add(48*time.Hour), 2)
	must(t, err)
	slugs := func(list []news.Article) (out []string) {
		for _, a := range list {
			out = append(out, a.Slug)
		}
		return out
	}
	if g := fmt.Sprint(slugs(got[f.first.ID])); g != "[first-3 first-2]" {
		t.Errorf("first: %s", g)
	}
	if g := fmt.Sprint(slugs(got[f.sport.ID])); g != "[sport-0]" {
		t.Errorf("sport: %s", g)
	}
}

func testSections(t *testing.T, s *store.Store) {
	ctx := context.Background()
	f := newFixture(t, s)
	late := news.Section{Slug: "culture", Name: "ثقافة", Position: 0}
	must(t, s.CreateSection(ctx, &late))
	got, err := s.Sections(ctx)
	must(t, err)
	var names []string
	for _, sec := range got {
		names = append(names, sec.Name)
	}
	if fmt.Sprint(names) != "[ثقافة الأولى رياضة]" {
		t.Errorf("sections in order %v", names)
	}
	if err := s.CreateSection(ctx, &news.Section{Slug: f.first.Slug, Name: "مكرر"}); err == nil {
		t.Error("a duplicate section slug was stored")
	}
	sec, err := s.SectionBySlug(ctx, "first")
	must(t, err)
	if sec.Name != "الأولى" {
		t.Errorf("section name %q", sec.Name)
	}
}

func testSettings(t *testing.T, s *store.Store) {
	ctx := context.Background()
	got, err := s.Settings(ctx)
	must(t, err)
	if got.SiteName != news.DefaultSettings().SiteName || got.AdBlock.Title == "" {
		t.Errorf("defaults not returned: %+v", got)
	}
	got.SiteName = "الصباح"
	got.Ads = []news.AdSlot{{Position: "header", Image: "house.svg", Link: "/", Alt: "إعلان"}}
	must(t, s.SaveSettings(ctx, got))
	got.SiteName = "الصباح الجديد"
	must(t, s.SaveSettings(ctx, got))
	again, err := s.Settings(ctx)
	must(t, err)
	if again.SiteName != "الصباح الجديد" || len(again.Ads) != 1 || again.Ads[0].Alt != "إعلان" {
		t.Errorf("settings after save: %+v", again)
	}
}
