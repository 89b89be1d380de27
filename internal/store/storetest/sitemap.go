package storetest

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/midad/midad/internal/news"
	"github.com/midad/midad/internal/store"
)

// sitemapFixture stores visible articles a (with a featured image and the
// tag qatar), b and c, and articles readers must not see: a draft
// carrying its own tag and author, a scheduled one, an unpublished one,
// and a published one whose time has not come.
func sitemapFixture(t *testing.T, s *store.Store) (f fixture, now time.Time, draftTag news.Tag) {
	t.Helper()
	ctx := context.Background()
	f = newFixture(t, s)
	now = base.Add(10 * 24 * time.Hour)
	im := news.Image{Name: "2022/11/abc", Type: "image/webp", Width: 1600, Height: 900,
		Variants: []news.ImageVariant{{Width: 480, Height: 270, File: "2022/11/abc-480.webp"}, {Width: 1600, Height: 900, File: "2022/11/abc-1600.webp"}}}
	must(t, s.CreateImage(ctx, &im))

	a := f.article("أ-مقال", f.first, base, f.yassine)
	a.Image, a.Tags, a.Updated = im, []news.Tag{f.qatar}, base.Add(time.Hour)
	must(t, s.CreateArticle(ctx, &a))
	b := f.article("b", f.first, base.Add(24*time.Hour), f.yassine)
	must(t, s.CreateArticle(ctx, &b))
	c := f.article("c", f.first, base.Add(48*time.Hour), f.yassine)
	c.Lang = "fr"
	must(t, s.CreateArticle(ctx, &c))

	draftTag = news.Tag{Slug: "draft-only", Name: "مسودة"}
	ghost := news.Author{Slug: "ghost", Name: "شبح"}
	must(t, s.CreateAuthor(ctx, &ghost))
	for _, h := range []struct {
		slug   string
		status news.Status
		at     time.Time
	}{
		{"draft", news.Draft, base.Add(time.Hour)},
		{"scheduled", news.Scheduled, now.Add(time.Hour)},
		{"unpublished", news.Unpublished, base.Add(2 * time.Hour)},
		{"future", news.Published, now.Add(time.Minute)},
	} {
		x := f.article(h.slug, f.sport, h.at, ghost)
		x.Status, x.Tags = h.status, []news.Tag{draftTag}
		must(t, s.CreateArticle(ctx, &x))
	}
	return f, now, draftTag
}

func testSitemapStamps(t *testing.T, s *store.Store) {
	ctx := context.Background()
	_, now, _ := sitemapFixture(t, s)
	stamps := func(q news.SitemapQuery) (slugs []int, published []time.Time) {
		t.Helper()
		must(t, s.WalkArticleStamps(ctx, q, func(st news.ArticleStamp) error {
			slugs = append(slugs, st.SlugRunes)
			published = append(published, st.Published)
			return nil
		}))
		slices.Sort(slugs)
		return slugs, published
	}
	runes, _ := stamps(news.SitemapQuery{Now: now})
	if want := []int{1, 1, 6}; !slices.Equal(runes, want) {
		t.Errorf("all visible: slug lengths %v, want %v (a, b, c only)", runes, want)
	}
	// [From, To): b's time is the start, c's the end.
	_, published := stamps(news.SitemapQuery{Now: now, From: base.Add(24 * time.Hour), To: base.Add(48 * time.Hour)})
	if len(published) != 1 || !published[0].Equal(base.Add(24*time.Hour)) {
		t.Errorf("range: %v, want b's time only", published)
	}
	// Before c was published, c is not there.
	if runes, _ := stamps(news.SitemapQuery{Now: base.Add(47 * time.Hour)}); len(runes) != 2 {
		t.Errorf("earlier now: %d articles, want 2", len(runes))
	}
}

func testSitemapArticles(t *testing.T, s *store.Store) {
	ctx := context.Background()
	_, now, _ := sitemapFixture(t, s)
	walk := func(q news.SitemapQuery) []news.SitemapArticle {
		t.Helper()
		var out []news.SitemapArticle
		must(t, s.WalkSitemapArticles(ctx, q, func(a news.SitemapArticle) error {
			out = append(out, a)
			return nil
		}))
		return out
	}
	slugs := func(list []news.SitemapArticle) []string {
		var out []string
		for _, a := range list {
			out = append(out, a.Slug)
		}
		return out
	}
	all := walk(news.SitemapQuery{Now: now, Headlines: true})
	if got, want := slugs(all), []string{"أ-مقال", "b", "c"}; !slices.Equal(got, want) {
		t.Fatalf("oldest first: %v, want %v", got, want)
	}
	a := all[0]
	if a.Headline != "عنوان أ-مقال" || a.Lang != "ar" || !a.Published.Equal(base) || !a.Updated.Equal(base.Add(time.Hour)) {
		t.Errorf("article a: %+v", a)
	}
	if a.Image.Src() != "/media/2022/11/abc-1600.webp" {
		t.Errorf("a's image: %q", a.Image.Src())
	}
	if all[1].Image.Src() != "" || all[2].Lang != "fr" {
		t.Errorf("b's image %q, c's language %q", all[1].Image.Src(), all[2].Lang)
	}
	if got, want := slugs(walk(news.SitemapQuery{Now: now, NewestFirst: true, Limit: 2})), []string{"c", "b"}; !slices.Equal(got, want) {
		t.Errorf("newest two: %v, want %v", got, want)
	}
	if got := walk(news.SitemapQuery{Now: now, Limit: 1}); got[0].Headline != "" || got[0].Image.Src() == "" {
		t.Errorf("without headlines: %+v", got[0])
	}
	if got, want := slugs(walk(news.SitemapQuery{Now: now, Offset: 1, Limit: 1})), []string{"b"}; !slices.Equal(got, want) {
		t.Errorf("second part of one: %v, want %v", got, want)
	}
	if got, want := slugs(walk(news.SitemapQuery{Now: now, Offset: 2})), []string{"c"}; !slices.Equal(got, want) {
		t.Errorf("offset without limit: %v, want %v", got, want)
	}
	if got := walk(news.SitemapQuery{Now: now, From: now.Add(-48 * time.Hour)}); len(got) != 0 {
		t.Errorf("last two days: %v, want none", slugs(got))
	}
}

func testSitemapListings(t *testing.T, s *store.Store) {
	ctx := context.Background()
	f, now, _ := sitemapFixture(t, s)
	var got []news.Listing
	must(t, s.WalkListings(ctx, now, func(l news.Listing) error {
		got = append(got, l)
		return nil
	}))
	newest := base.Add(48 * time.Hour) // c's update
	want := []news.Listing{
		{Kind: news.ListingFront, Updated: newest},
		{Kind: news.ListingSection, Slug: f.first.Slug, Updated: newest},
		{Kind: news.ListingAuthor, Slug: f.yassine.Slug, Updated: newest},
		{Kind: news.ListingTag, Slug: f.qatar.Slug, Updated: base.Add(time.Hour)},
	}
	if len(got) != len(want) {
		t.Fatalf("listings: %+v\nwant %+v (no sport, ghost, draft-only: only hidden articles)", got, want)
	}
	for i := range want {
		if got[i].Kind != want[i].Kind || got[i].Slug != want[i].Slug || !got[i].Updated.Equal(want[i].Updated) {
			t.Errorf("listing %d: %+v, want %+v", i, got[i], want[i])
		}
	}

	// An empty newspaper still has its front page, without a time.
	got = nil
	must(t, s.WalkListings(ctx, base.Add(-time.Hour), func(l news.Listing) error {
		got = append(got, l)
		return nil
	}))
	if len(got) != 1 || got[0].Kind != news.ListingFront || !got[0].Updated.IsZero() {
		t.Errorf("before anything was published: %+v", got)
	}
}
