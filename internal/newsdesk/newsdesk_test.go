package newsdesk_test

import (
	"context"
	"errors"
	"log/slog"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/midad/midad/internal/news"
	"github.com/midad/midad/internal/newsdesk"
	"github.com/midad/midad/internal/store"
	"github.com/midad/midad/internal/textdiff"
)

// clock is a settable time for the scheduler tests.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

type fixture struct {
	st      *store.Store
	desk    *newsdesk.Desk
	clock   *clock
	section news.Section
	users   map[news.Role]news.User
	other   news.User // a second contributor
}

func setup(t *testing.T) *fixture {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, "sqlite:"+filepath.Join(t.TempDir(), "midad.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	f := &fixture{st: st, clock: &clock{t: time.Date(2026, 11, 4, 9, 0, 0, 0, time.UTC)}, users: map[news.Role]news.User{}}
	f.desk = newsdesk.New(st, slog.New(slog.DiscardHandler), f.clock.now)
	f.section = news.Section{Slug: "الأولى", Name: "الأولى"}
	if err := st.CreateSection(ctx, &f.section); err != nil {
		t.Fatal(err)
	}
	for i, role := range []news.Role{news.Contributor, news.AuthorRole, news.Editor, news.Admin} {
		u := news.User{Email: string(role) + "@example.ma", Name: []string{"سناء الكاتبة", "ياسين قُطيب", "هدى المحررة", "المدير"}[i], Role: role, PasswordHash: "x"}
		if err := st.CreateUser(ctx, &u); err != nil {
			t.Fatal(err)
		}
		f.users[role] = u
	}
	f.other = news.User{Email: "other@example.ma", Name: "كاتب آخر", Role: news.Contributor, PasswordHash: "x"}
	if err := st.CreateUser(ctx, &f.other); err != nil {
		t.Fatal(err)
	}
	return f
}

// user reads the account again, as a request would (its byline may be new).
func (f *fixture) user(t *testing.T, u news.User) news.User {
	t.Helper()
	u, err := f.st.UserByID(context.Background(), u.ID)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func (f *fixture) input() newsdesk.Input {
	return newsdesk.Input{Kicker: "الداخلة", Headline: "انطلاق فعاليات المهرجان الدولي للسينما",
		Body: "<p>انطلقت يوم الخيمس فعاليات المهرجان بحضور Emmanuel Macron.</p>", Lang: "ar", SectionID: f.section.ID,
		Tags: "سينما، مهرجانات"}
}

func TestContributorWritesAndSubmits(t *testing.T) {
	ctx := context.Background()
	f := setup(t)
	c := f.users[news.Contributor]
	a, err := f.desk.Create(ctx, c, f.input(), newsdesk.Save)
	if err != nil {
		t.Fatal(err)
	}
	if a.Status != news.Draft || a.CreatedBy != c.ID || a.Version != 1 || a.Slug == "" {
		t.Fatalf("new article: %+v", a)
	}
	if len(a.Authors) != 1 || a.Authors[0].Name != c.Name {
		t.Fatalf("the contributor's own byline was not used: %+v", a.Authors)
	}
	if len(a.Tags) != 2 || a.Tags[0].ID == 0 {
		t.Fatalf("tags: %+v", a.Tags)
	}
	c = f.user(t, c)

	// Contributors cannot publish or schedule, whatever the form says.
	in := f.input()
	in.Version = a.Version
	for _, act := range []newsdesk.Action{newsdesk.Publish, newsdesk.Schedule, newsdesk.Unpublish, "delete"} {
		in.PublishAt = f.clock.now().Add(time.Hour)
		if _, err := f.desk.Update(ctx, c, a.ID, in, act, ""); !errors.Is(err, newsdesk.ErrForbidden) {
			t.Errorf("contributor %s: %v", act, err)
		}
	}
	// A breaking-news flag slipped into the form changes nothing.
	in.Breaking = true
	a, err = f.desk.Update(ctx, c, a.ID, in, newsdesk.Submit, "")
	if err != nil {
		t.Fatal(err)
	}
	if a.Status != news.InReview || a.Breaking || a.Version != 2 {
		t.Fatalf("submitted: status %s breaking %v version %d", a.Status, a.Breaking, a.Version)
	}
	got, _ := f.st.ArticleByID(ctx, a.ID)
	if got.Breaking || got.Status != news.InReview {
		t.Fatalf("stored: %+v", got)
	}

	// Another contributor can neither open nor change it: not found.
	if _, err := f.desk.Article(ctx, f.other, a.ID); !errors.Is(err, news.ErrNotFound) {
		t.Errorf("another contributor opened it: %v", err)
	}
	in.Version = a.Version
	if _, err := f.desk.Update(ctx, f.other, a.ID, in, newsdesk.Save, ""); !errors.Is(err, news.ErrNotFound) {
		t.Errorf("another contributor saved it: %v", err)
	}
	list, err := f.desk.List(ctx, f.other, "", news.Page{Number: 1, Size: 20})
	if err != nil || list.Total != 0 {
		t.Errorf("another contributor's list shows %d articles (%v)", list.Total, err)
	}
	list, err = f.desk.List(ctx, f.users[news.Editor], news.InReview, news.Page{Number: 1, Size: 20})
	if err != nil || list.Total != 1 {
		t.Errorf("the editor's review list shows %d articles (%v)", list.Total, err)
	}
}

func TestEditorSchedulesAndSchedulerPublishes(t *testing.T) {
	ctx := context.Background()
	f := setup(t)
	c, ed := f.users[news.Contributor], f.users[news.Editor]
	a, err := f.desk.Create(ctx, c, f.input(), newsdesk.Submit)
	if err != nil {
		t.Fatal(err)
	}
	in := newsdesk.InputFrom(a.Snapshot(), a.Version)
	in.PublishAt = f.clock.now().Add(-time.Minute)
	if _, err := f.desk.Update(ctx, ed, a.ID, in, newsdesk.Schedule, ""); !fieldErr(err, "publish_at") {
		t.Fatalf("scheduling in the past: %v", err)
	}
	in.PublishAt = f.clock.now().Add(time.Minute)
	a, err = f.desk.Update(ctx, ed, a.ID, in, newsdesk.Schedule, "")
	if err != nil {
		t.Fatal(err)
	}
	if a.Status != news.Scheduled || !a.Published.Equal(in.PublishAt) {
		t.Fatalf("scheduled: %s at %v", a.Status, a.Published)
	}
	// Once scheduled, the contributor may no longer change it.
	if _, err := f.desk.Update(ctx, f.user(t, c), a.ID, newsdesk.InputFrom(a.Snapshot(), a.Version), newsdesk.Save, ""); !errors.Is(err, newsdesk.ErrForbidden) {
		t.Errorf("contributor edited a scheduled article: %v", err)
	}

	if n, err := f.desk.PublishDue(ctx); err != nil || n != 0 {
		t.Fatalf("published early: %d %v", n, err)
	}
	visible := func() int {
		l, err := f.st.PublishedArticles(ctx, news.Filter{Now: f.clock.now()}, news.Page{Number: 1, Size: 10})
		if err != nil {
			t.Fatal(err)
		}
		return l.Total
	}
	if visible() != 0 {
		t.Fatal("a scheduled article is visible before its time")
	}
	f.clock.add(61 * time.Second)
	if n, err := f.desk.PublishDue(ctx); err != nil || n != 1 {
		t.Fatalf("scheduler: %d %v", n, err)
	}
	if visible() != 1 {
		t.Fatal("the scheduled article is not visible at its time")
	}
	a, _ = f.st.ArticleByID(ctx, a.ID)
	if a.Status != news.Published || !a.Updated.Equal(a.Published) {
		t.Fatalf("after the scheduler: %s published %v updated %v", a.Status, a.Published, a.Updated)
	}
	first := a.Published

	// A correction keeps the first publication time and records the update.
	f.clock.add(2 * time.Hour)
	in = newsdesk.InputFrom(a.Snapshot(), a.Version)
	in.Body = strings.Replace(in.Body, "الخيمس", "الخميس", 1)
	a, err = f.desk.Update(ctx, ed, a.ID, in, newsdesk.Save, "")
	if err != nil {
		t.Fatal(err)
	}
	if !a.Published.Equal(first) || !a.Updated.Equal(f.clock.now().UTC().Truncate(time.Second)) {
		t.Fatalf("correction: published %v (first %v) updated %v", a.Published, first, a.Updated)
	}
	// Unpublished and published again: still the first time.
	a, err = f.desk.Update(ctx, ed, a.ID, newsdesk.InputFrom(a.Snapshot(), a.Version), newsdesk.Unpublish, "")
	if err != nil || visible() != 0 {
		t.Fatalf("unpublish: %v, %d visible", err, visible())
	}
	a, err = f.desk.Update(ctx, ed, a.ID, newsdesk.InputFrom(a.Snapshot(), a.Version), newsdesk.Publish, "")
	if err != nil || !a.Published.Equal(first) {
		t.Fatalf("republish: %v at %v", err, a.Published)
	}

	// The revision diff shows exactly the typo fix.
	_, revs, err := f.desk.Revisions(ctx, ed, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(revs) != a.Version {
		t.Fatalf("%d revisions for version %d", len(revs), a.Version)
	}
	cmp, err := f.desk.Compare(ctx, ed, a.ID, 3, 4, nil) // 1 submitted, 2 scheduled, 3 published, 4 corrected
	if err != nil {
		t.Fatal(err)
	}
	if len(cmp.Changes) != 1 || cmp.Changes[0].Field != "body" {
		t.Fatalf("changes: %+v", cmp.Changes)
	}
	var del, ins []string
	for _, op := range cmp.Changes[0].Ops {
		switch op.Kind {
		case textdiff.Delete:
			del = append(del, op.Text)
		case textdiff.Insert:
			ins = append(ins, op.Text)
		}
	}
	if strings.Join(del, "|") != "الخيمس" || strings.Join(ins, "|") != "الخميس" {
		t.Fatalf("diff: deleted %q inserted %q", del, ins)
	}
	// Restoring version 3 brings the typo back as a new revision.
	a, err = f.desk.Restore(ctx, ed, a.ID, 3, a.Version)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(a.Body, "الخيمس") || a.Status != news.Published {
		t.Fatalf("restored: %s %q", a.Status, a.Body)
	}
}

func TestConcurrentEditsConflict(t *testing.T) {
	ctx := context.Background()
	f := setup(t)
	ed, au := f.users[news.Editor], f.users[news.AuthorRole]
	a, err := f.desk.Create(ctx, au, f.input(), newsdesk.Save)
	if err != nil {
		t.Fatal(err)
	}
	au = f.user(t, au)
	// Both open version 1; the author saves first.
	if _, holder, err := f.desk.Open(ctx, au, a.ID); err != nil || holder.ID != 0 {
		t.Fatalf("author opens: %v %+v", err, holder)
	}
	_, holder, err := f.desk.Open(ctx, ed, a.ID)
	if err != nil || holder.ID != au.ID {
		t.Fatalf("the editor is not told the author has it open: %v %+v", err, holder)
	}
	mine := f.input()
	mine.Version, mine.Headline = 1, "عنوان الكاتب"
	if _, err := f.desk.Update(ctx, au, a.ID, mine, newsdesk.Save, ""); err != nil {
		t.Fatal(err)
	}
	theirs := f.input()
	theirs.Version, theirs.Headline = 1, "عنوان المحررة"
	if _, err := f.desk.Update(ctx, ed, a.ID, theirs, newsdesk.Save, ""); !errors.Is(err, news.ErrConflict) {
		t.Fatalf("the second save was not refused: %v", err)
	}
	got, _ := f.st.ArticleByID(ctx, a.ID)
	if got.Headline != "عنوان الكاتب" || got.Version != 2 {
		t.Fatalf("stored: %q v%d", got.Headline, got.Version)
	}
	// The author may publish their own article; not someone else's.
	if _, err := f.desk.Update(ctx, au, a.ID, newsdesk.InputFrom(got.Snapshot(), 2), newsdesk.Publish, ""); err != nil {
		t.Fatalf("author publishing own: %v", err)
	}
	other, err := f.desk.Create(ctx, ed, f.input(), newsdesk.Save)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.desk.Update(ctx, au, other.ID, newsdesk.InputFrom(other.Snapshot(), 1), newsdesk.Publish, ""); !errors.Is(err, news.ErrNotFound) {
		t.Fatalf("author publishing the editor's article: %v", err)
	}
}

func TestBadInputStoresNothing(t *testing.T) {
	ctx := context.Background()
	f := setup(t)
	c := f.users[news.Contributor]
	long := strings.Repeat("ب", news.MaxHeadline+1)
	cases := []struct {
		name  string
		edit  func(*newsdesk.Input)
		field string
	}{
		{"no headline", func(in *newsdesk.Input) { in.Headline = "  " }, "headline"},
		{"overlong headline", func(in *newsdesk.Input) { in.Headline = long }, "headline"},
		{"overlong kicker", func(in *newsdesk.Input) { in.Kicker = strings.Repeat("ك", news.MaxKicker+1) }, "kicker"},
		{"invalid UTF-8", func(in *newsdesk.Input) { in.Headline = "عنوان\xff" }, "headline"},
		{"control character", func(in *newsdesk.Input) { in.Kicker = "a\x00b" }, "kicker"},
		{"unknown section", func(in *newsdesk.Input) { in.SectionID = 999 }, "section"},
		{"unknown author", func(in *newsdesk.Input) { in.AuthorIDs = []int64{999} }, "authors"},
		{"unknown image", func(in *newsdesk.Input) { in.ImageID = 999 }, "image"},
		{"bad language", func(in *newsdesk.Input) { in.Lang = "en" }, "lang"},
		{"slug with a slash", func(in *newsdesk.Input) { in.Slug = "a/b" }, "slug"},
		{"overlong tag", func(in *newsdesk.Input) { in.Tags = strings.Repeat("و", 61) }, "tags"},
		{"overlong search title", func(in *newsdesk.Input) { in.SEOTitle = strings.Repeat("ع", news.MaxSEOTitle+1) }, "seo_title"},
		{"overlong description", func(in *newsdesk.Input) { in.SEODescription = strings.Repeat("و", news.MaxSEODescription+1) }, "seo_description"},
		{"control character in the description", func(in *newsdesk.Input) { in.SEODescription = "a\x1bb" }, "seo_description"},
		{"unknown social image", func(in *newsdesk.Input) { in.SocialImageID = 999 }, "social_image"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			in := f.input()
			in.Tags = "وسم جديد"
			tc.edit(&in)
			if _, err := f.desk.Create(ctx, c, in, newsdesk.Save); !fieldErr(err, tc.field) {
				t.Fatalf("got %v, want an error on %s", err, tc.field)
			}
			if n, _ := f.st.CountArticles(ctx); n != 0 {
				t.Fatalf("%d articles stored", n)
			}
			if _, err := f.st.TagBySlug(ctx, "وسم-جديد"); !errors.Is(err, news.ErrNotFound) {
				t.Fatalf("a tag was stored: %v", err)
			}
		})
	}
	// None of the refused articles made the contributor's byline.
	if authors, _ := f.st.Authors(ctx); len(authors) != 0 {
		t.Fatalf("refused articles left bylines: %+v", authors)
	}
	if u := f.user(t, c); u.AuthorID != 0 {
		t.Fatal("a refused article linked a byline to the account")
	}

	// The same headline twice: the second gets its own address; a slug
	// typed in that another article has is refused.
	a, err := f.desk.Create(ctx, c, f.input(), newsdesk.Save)
	if err != nil {
		t.Fatal(err)
	}
	b, err := f.desk.Create(ctx, f.user(t, c), f.input(), newsdesk.Save)
	if err != nil || b.Slug != a.Slug+"-2" {
		t.Fatalf("second article with the same headline: %q (%v)", b.Slug, err)
	}
	if authors, _ := f.st.Authors(ctx); len(authors) != 1 {
		t.Fatalf("the contributor has %d bylines", len(authors))
	}
	in := f.input()
	in.Slug = a.Slug
	if _, err := f.desk.Create(ctx, c, in, newsdesk.Save); !fieldErr(err, "slug") {
		t.Fatalf("duplicate slug: %v", err)
	}
	if n, _ := f.st.CountArticles(ctx); n != 2 {
		t.Fatalf("%d articles stored", n)
	}
	// Saving with the slug field emptied keeps the article's address.
	in = newsdesk.InputFrom(b.Snapshot(), b.Version)
	in.Slug = ""
	if b2, err := f.desk.Update(ctx, f.user(t, c), b.ID, in, newsdesk.Save, ""); err != nil || b2.Slug != b.Slug {
		t.Fatalf("emptied slug: %q (%v)", b2.Slug, err)
	}
}

func TestBylinesBelowEditors(t *testing.T) {
	ctx := context.Background()
	f := setup(t)
	au, ed := f.users[news.AuthorRole], f.users[news.Editor]
	// The editor has a byline of her own.
	mine, err := f.desk.Create(ctx, ed, f.input(), newsdesk.Save)
	if err != nil {
		t.Fatal(err)
	}
	hers := mine.Authors[0].ID
	// An author may not sign as her, even to publish at once.
	in := f.input()
	in.AuthorIDs = []int64{hers}
	if _, err := f.desk.Create(ctx, au, in, newsdesk.Publish); !fieldErr(err, "authors") {
		t.Fatalf("an author signed as the editor: %v", err)
	}
	// An editor may sign anyone's article with anyone.
	a, err := f.desk.Create(ctx, au, f.input(), newsdesk.Save)
	if err != nil {
		t.Fatal(err)
	}
	in = newsdesk.InputFrom(a.Snapshot(), a.Version)
	in.AuthorIDs = append(in.AuthorIDs, hers)
	a, err = f.desk.Update(ctx, ed, a.ID, in, newsdesk.Save, "")
	if err != nil || len(a.Authors) != 2 {
		t.Fatalf("editor adding a byline: %v %+v", err, a.Authors)
	}
	// The author may keep the bylines the editor set.
	if _, err := f.desk.Update(ctx, f.user(t, au), a.ID, newsdesk.InputFrom(a.Snapshot(), a.Version), newsdesk.Save, ""); err != nil {
		t.Fatalf("author keeping the bylines: %v", err)
	}
}

func fieldErr(err error, field string) bool {
	var fe *news.FieldError
	return errors.As(err, &fe) && fe.Field == field
}

// TestShareFieldsInRevisions: the search title, description and social
// image are kept by each revision, compared, and restored with the rest.
func TestShareFieldsInRevisions(t *testing.T) {
	ctx := context.Background()
	f := setup(t)
	ed := f.users[news.Editor]
	im := news.Image{Name: "2026/11/share", Type: "image/jpeg", Width: 1200, Height: 800, Alt: "صورة",
		Variants: []news.ImageVariant{{Width: 1200, Height: 800, File: "2026/11/share-1200.jpg"}}}
	if err := f.st.CreateImage(ctx, &im); err != nil {
		t.Fatal(err)
	}
	in := f.input()
	in.SEOTitle, in.SEODescription, in.SocialImageID = "عنوان  للبحث", "وصف للبحث", im.ID
	a, err := f.desk.Create(ctx, ed, in, newsdesk.Save)
	if err != nil {
		t.Fatal(err)
	}
	if a.SEOTitle != "عنوان للبحث" || a.SocialImage.ID != im.ID {
		t.Fatalf("created: %q, social image %d", a.SEOTitle, a.SocialImage.ID)
	}
	in = newsdesk.InputFrom(a.Snapshot(), a.Version)
	if in.SEOTitle != a.SEOTitle || in.SEODescription != a.SEODescription || in.SocialImageID != im.ID {
		t.Fatalf("the form from the article lacks the share fields: %+v", in)
	}
	in.SEOTitle, in.SEODescription, in.SocialImageID = "", "وصف آخر", 0
	if _, err := f.desk.Update(ctx, ed, a.ID, in, newsdesk.Save, ""); err != nil {
		t.Fatal(err)
	}
	cmp, err := f.desk.Compare(ctx, ed, a.ID, 1, 2, nil)
	if err != nil {
		t.Fatal(err)
	}
	var changed []string
	for _, c := range cmp.Changes {
		changed = append(changed, c.Field)
	}
	if strings.Join(changed, " ") != "seo_title seo_description social_image" {
		t.Fatalf("changed fields: %v", changed)
	}
	b, err := f.desk.Restore(ctx, ed, a.ID, 1, 2)
	if err != nil {
		t.Fatal(err)
	}
	if b.SEOTitle != "عنوان للبحث" || b.SEODescription != "وصف للبحث" || b.SocialImage.ID != im.ID {
		t.Fatalf("restored: %q %q %d", b.SEOTitle, b.SEODescription, b.SocialImage.ID)
	}
}
