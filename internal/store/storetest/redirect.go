package storetest

import (
	"context"
	"errors"
	"testing"

	"github.com/midad/midad/internal/news"
	"github.com/midad/midad/internal/store"
)

// leadsTo checks that the earlier address key leads to the thing (kind, id).
func leadsTo(t *testing.T, s *store.Store, key string, kind news.RedirectKind, id int64) {
	t.Helper()
	r, err := s.Redirect(context.Background(), key)
	if err != nil {
		t.Fatalf("redirect %q: %v", key, err)
	}
	if r.Kind != kind || r.TargetID != id {
		t.Fatalf("redirect %q leads to %s %d, want %s %d", key, r.Kind, r.TargetID, kind, id)
	}
}

func leadsNowhere(t *testing.T, s *store.Store, key string) {
	t.Helper()
	if r, err := s.Redirect(context.Background(), key); !errors.Is(err, news.ErrNotFound) {
		t.Fatalf("redirect %q: %+v, %v; want none", key, r, err)
	}
}

// testArticleRenameRecordsAddress: each slug an article leaves behind
// leads to it, renamed twice and back; a save that keeps the slug, or that
// is refused, records nothing.
func testArticleRenameRecordsAddress(t *testing.T, s *store.Store) {
	ctx := context.Background()
	f := newFixture(t, s)
	a := f.article("أول", f.first, base, f.yassine)
	must(t, s.CreateArticle(ctx, &a))
	a.Headline = "عنوان آخر"
	must(t, s.UpdateArticle(ctx, &a, 0, ""))
	leadsNowhere(t, s, "/article/أول")
	for _, slug := range []string{"Second", "third", "أول"} {
		a.Slug = slug
		must(t, s.UpdateArticle(ctx, &a, 0, ""))
	}
	leadsTo(t, s, "/article/أول", news.RedirectArticle, a.ID)
	leadsTo(t, s, "/article/second", news.RedirectArticle, a.ID)
	leadsTo(t, s, "/article/third", news.RedirectArticle, a.ID)

	other := f.article("other", f.first, base, f.yassine)
	must(t, s.CreateArticle(ctx, &other))
	other.Slug = "أول" // taken
	if err := s.UpdateArticle(ctx, &other, 0, ""); err == nil {
		t.Fatal("a taken slug was accepted")
	}
	leadsNowhere(t, s, "/article/other")
}

// testListRenameRecordsAddress: sections, tags and authors keep their
// earlier addresses leading to them; a taken or invalid slug changes
// nothing and records nothing.
func testListRenameRecordsAddress(t *testing.T, s *store.Store) {
	ctx := context.Background()
	f := newFixture(t, s)

	sec := f.sport
	for _, slug := range []string{"رياضة", "sports", "sport"} {
		sec.Slug = slug
		must(t, s.UpdateSection(ctx, sec))
	}
	leadsTo(t, s, "/section/رياضة", news.RedirectSection, sec.ID)
	leadsTo(t, s, "/section/sports", news.RedirectSection, sec.ID)
	leadsTo(t, s, "/section/sport", news.RedirectSection, sec.ID)
	sec.Slug = "first"
	if err := s.UpdateSection(ctx, sec); !errors.Is(err, news.ErrExists) {
		t.Fatalf("section renamed to a taken slug: %v", err)
	}
	if got, _ := s.SectionBySlug(ctx, "sport"); got.ID != sec.ID {
		t.Fatalf("the refused rename changed the section: %+v", got)
	}

	tag := f.qatar
	tag.Name, tag.Slug = "دولة قطر", "دولة-قطر"
	must(t, s.UpdateTag(ctx, tag))
	leadsTo(t, s, "/tag/قطر", news.RedirectTag, tag.ID)
	got, err := s.TagByID(ctx, tag.ID)
	must(t, err)
	if got != tag {
		t.Fatalf("tag after rename: %+v, want %+v", got, tag)
	}
	bad := tag
	bad.Slug = "قطر/الدوحة"
	var fe *news.FieldError
	if err := s.UpdateTag(ctx, bad); !errors.As(err, &fe) || fe.Field != "slug" {
		t.Fatalf("invalid tag slug: %v", err)
	}
	leadsNowhere(t, s, "/tag/دولة-قطر")

	au := f.yassine
	au.Slug, au.Bio = "yassine-qotaib", "صحافي في الرباط"
	must(t, s.UpdateAuthor(ctx, au))
	au.Slug = "jawhara-fm" // taken
	if err := s.UpdateAuthor(ctx, au); !errors.Is(err, news.ErrExists) {
		t.Fatalf("author renamed to a taken slug: %v", err)
	}
	leadsTo(t, s, "/author/ياسين-قطيب", news.RedirectAuthor, au.ID)
	leadsNowhere(t, s, "/author/yassine-qotaib")
	if got, err := s.AuthorBySlug(ctx, "yassine-qotaib"); err != nil || got.Bio != "صحافي في الرباط" {
		t.Fatalf("author after rename: %+v, %v", got, err)
	}
}

// testPutRedirect: rows written by an import (WordPress query addresses)
// are found by their key and replaced by a later write.
func testPutRedirect(t *testing.T, s *store.Store) {
	ctx := context.Background()
	key := news.RedirectKey("/", "p=12&utm_source=x")
	must(t, s.PutRedirect(ctx, news.Redirect{Path: key, Kind: news.RedirectArticle, TargetID: 7}))
	leadsTo(t, s, "/?p=12", news.RedirectArticle, 7)
	must(t, s.PutRedirect(ctx, news.Redirect{Path: key, Kind: news.RedirectPath, Target: "/section/sport"}))
	r, err := s.Redirect(ctx, "/?p=12")
	must(t, err)
	if r.Kind != news.RedirectPath || r.Target != "/section/sport" {
		t.Fatalf("replaced redirect: %+v", r)
	}
	if err := s.PutRedirect(ctx, news.Redirect{Path: "/", Kind: news.RedirectPath, Target: "/x"}); err == nil {
		t.Fatal("a redirect from the front page was stored")
	}
}
