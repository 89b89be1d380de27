package storetest

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/midad/midad/internal/news"
	"github.com/midad/midad/internal/store"
)

// testUpdateArticle: an update made from the stored version replaces the
// article, its bylines, tags and index entry, and keeps both states as
// revisions; one made from an older version changes nothing.
func testUpdateArticle(t *testing.T, s *store.Store) {
	ctx := context.Background()
	f := newFixture(t, s)
	a := f.article("update", f.first, base, f.yassine)
	must(t, s.CreateArticle(ctx, &a))
	if a.Version != 1 {
		t.Fatalf("new article at version %d", a.Version)
	}
	stale := a
	a.Headline, a.Authors, a.Tags = "عنوان مصحح عن البرلمان", []news.Author{f.fm}, []news.Tag{f.qatar, {Slug: "برلمان", Name: "برلمان"}}
	must(t, s.UpdateArticle(ctx, &a, 0, ""))
	if a.Version != 2 || a.Tags[1].ID == 0 {
		t.Fatalf("after update: version %d, new tag id %d", a.Version, a.Tags[1].ID)
	}
	got, err := s.ArticleByID(ctx, a.ID)
	must(t, err)
	if got.Headline != a.Headline || len(got.Authors) != 1 || got.Authors[0].ID != f.fm.ID || len(got.Tags) != 2 || got.Version != 2 {
		t.Fatalf("stored after update: %+v", got)
	}
	res, err := s.Search(ctx, news.SearchQuery{Terms: []news.SearchTerm{{Exact: "البرلمان"}}, Now: base.Add(time.Hour), Page: news.Page{Number: 1, Size: 10}})
	must(t, err)
	if res.Total != 1 {
		t.Errorf("the index does not follow the update: %d results", res.Total)
	}

	stale.Headline = "عنوان قديم"
	if err := s.UpdateArticle(ctx, &stale, 0, ""); !errors.Is(err, news.ErrConflict) {
		t.Fatalf("stale update: %v", err)
	}
	if got, _ := s.ArticleByID(ctx, a.ID); got.Headline != a.Headline {
		t.Fatal("a stale update overwrote the article")
	}
	revs, err := s.Revisions(ctx, a.ID)
	must(t, err)
	if len(revs) != 2 || revs[0].Version != 2 || revs[1].Version != 1 || revs[1].Snapshot.Headline != "عنوان update" {
		t.Fatalf("revisions: %+v", revs)
	}
}

// testBreaking: the banner holds visible flagged articles of the last day.
func testBreaking(t *testing.T, s *store.Store) {
	ctx := context.Background()
	f := newFixture(t, s)
	now := base.Add(48 * time.Hour)
	for _, c := range []struct {
		slug      string
		published time.Time
		status    news.Status
	}{
		{"fresh", now.Add(-time.Hour), news.Published},
		{"old", now.Add(-25 * time.Hour), news.Published},
		{"future", now.Add(time.Hour), news.Published},
		{"pulled", now.Add(-time.Hour), news.Unpublished},
	} {
		a := f.article(c.slug, f.first, c.published, f.yassine)
		a.Status, a.Breaking = c.status, true
		must(t, s.CreateArticle(ctx, &a))
	}
	plain := f.article("plain", f.first, now.Add(-time.Minute), f.yassine)
	must(t, s.CreateArticle(ctx, &plain))
	list, err := s.Breaking(ctx, now, 3)
	must(t, err)
	if len(list) != 1 || list[0].Slug != "fresh" {
		t.Fatalf("breaking: %d articles", len(list))
	}
}

// testConcurrentNewTags: two saves making the same new tags, named in
// opposite orders, both succeed and share the tags.
func testConcurrentNewTags(t *testing.T, s *store.Store) {
	ctx := context.Background()
	f := newFixture(t, s)
	for round := range 8 {
		x, y := fmt.Sprintf("وسم-س-%d", round), fmt.Sprintf("وسم-ص-%d", round)
		var wg sync.WaitGroup
		errs := make([]error, 2)
		for i, tags := range [][]string{{x, y}, {y, x}} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				a := f.article(fmt.Sprintf("tags-%d-%d", round, i), f.first, base, f.yassine)
				for _, name := range tags {
					a.Tags = append(a.Tags, news.Tag{Slug: name, Name: name})
				}
				errs[i] = s.CreateArticle(ctx, &a)
			}()
		}
		wg.Wait()
		for i, err := range errs {
			if err != nil {
				t.Fatalf("round %d, save %d: %v", round, i, err)
			}
		}
		for _, slug := range []string{x, y} {
			if _, err := s.TagBySlug(ctx, slug); err != nil {
				t.Fatalf("tag %s: %v", slug, err)
			}
		}
	}
}
