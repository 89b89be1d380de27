package newsdesk_test

import (
	"context"
	"errors"
	"testing"

	"github.com/midad/midad/internal/news"
	"github.com/midad/midad/internal/newsdesk"
)

// TestStaticPages: editors and admins write pages, others are refused;
// a page without a slug gets a free one made from its title, and an
// update with an empty slug keeps the page's address.
func TestStaticPages(t *testing.T) {
	ctx := context.Background()
	f := setup(t)
	pages := newsdesk.NewPages(f.st, f.clock.now)
	in := newsdesk.PageInput{Title: " اتصل بنا ", Body: "<p>راسلونا</p>", Lang: "ar", Status: news.Published, InFooter: true}

	for _, role := range []news.Role{news.Contributor, news.AuthorRole} {
		if _, err := pages.Create(ctx, f.users[role], in); !errors.Is(err, newsdesk.ErrForbidden) {
			t.Errorf("%s creates a page: %v", role, err)
		}
		if _, err := pages.List(ctx, f.users[role]); !errors.Is(err, newsdesk.ErrForbidden) {
			t.Errorf("%s lists the pages: %v", role, err)
		}
	}
	first, err := pages.Create(ctx, f.users[news.Editor], in)
	if err != nil {
		t.Fatal(err)
	}
	second, err := pages.Create(ctx, f.users[news.Admin], in)
	if err != nil {
		t.Fatal(err)
	}
	if first.Slug != "اتصل-بنا" || second.Slug != "اتصل-بنا-2" || first.Title != "اتصل بنا" {
		t.Errorf("slugs %q and %q, title %q", first.Slug, second.Slug, first.Title)
	}
	if first.CreatedBy != f.users[news.Editor].ID || !first.Updated.Equal(f.clock.now()) {
		t.Errorf("created by %d at %v", first.CreatedBy, first.Updated)
	}
	if _, err := pages.Update(ctx, f.users[news.AuthorRole], first.ID, newsdesk.PageInputFrom(first)); !errors.Is(err, newsdesk.ErrForbidden) {
		t.Errorf("an author updates a page: %v", err)
	}

	edit := newsdesk.PageInputFrom(first)
	edit.Slug, edit.Title = "", "راسلونا"
	saved, err := pages.Update(ctx, f.users[news.Editor], first.ID, edit)
	if err != nil {
		t.Fatal(err)
	}
	if saved.Slug != "اتصل-بنا" || saved.Title != "راسلونا" || saved.Version != 2 {
		t.Errorf("after an update without a slug: %+v", saved)
	}
	if _, err := pages.Update(ctx, f.users[news.Editor], first.ID+100, edit); !errors.Is(err, news.ErrNotFound) {
		t.Errorf("update of an unknown page: %v", err)
	}
}
