package wpimport_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/midad/midad/internal/media"
	"github.com/midad/midad/internal/news"
	"github.com/midad/midad/internal/store"
	"github.com/midad/midad/internal/wpimport"

	_ "github.com/jackc/pgx/v5/stdlib"
)

const themeUnitTest = "../wordpress/testdata/themeunittestdata.wordpress.xml"

type env struct {
	st  *store.Store
	med *media.Service
	dir string
}

func newEnv(t testing.TB) *env {
	t.Helper()
	dir := t.TempDir()
	st, err := store.Open(context.Background(), "sqlite:"+filepath.Join(dir, "midad.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return &env{st: st, med: media.New(st, filepath.Join(dir, "media"), media.Options{}), dir: dir}
}

// newPostgresEnv opens a store in a schema of its own of the test
// PostgreSQL (MIDAD_TEST_POSTGRES, or the local one), dropped at the end;
// MIDAD_NO_POSTGRES=1 leaves PostgreSQL out.
func newPostgresEnv(t *testing.T) *env {
	t.Helper()
	if os.Getenv("MIDAD_NO_POSTGRES") == "1" {
		t.Skip("MIDAD_NO_POSTGRES=1: PostgreSQL left out")
	}
	base := os.Getenv("MIDAD_TEST_POSTGRES")
	if base == "" {
		base = "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"
	}
	db, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	b := make([]byte, 6)
	rand.Read(b)
	schema := "wp_" + hex.EncodeToString(b)
	if _, err := db.Exec(`CREATE SCHEMA ` + schema); err != nil {
		t.Fatalf("PostgreSQL (set MIDAD_NO_POSTGRES=1 to leave it out): %v", err)
	}
	t.Cleanup(func() { db.Exec(`DROP SCHEMA ` + schema + ` CASCADE`) })
	u, _ := url.Parse(base)
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	dir := t.TempDir()
	st, err := store.Open(context.Background(), u.String())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return &env{st: st, med: media.New(st, filepath.Join(dir, "media"), media.Options{}), dir: dir}
}

func fileOpener(path string) wpimport.Open {
	return func() (io.ReadCloser, error) { return os.Open(path) }
}

func bytesOpener(b []byte) wpimport.Open {
	return func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(b)), nil }
}

func (e *env) run(t *testing.T, open wpimport.Open, opt wpimport.Options) *wpimport.Report {
	t.Helper()
	rep, err := wpimport.Run(context.Background(), e.st, e.med, open, opt)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

func counts(rep *wpimport.Report, kind string) wpimport.Count {
	if c := rep.Counts[kind]; c != nil {
		return *c
	}
	return wpimport.Count{}
}

func reasons(rep *wpimport.Report, kind string) map[string]int {
	m := map[string]int{}
	for _, s := range rep.Skips {
		if s.Kind == kind {
			r := s.Reason
			if i := strings.Index(r, " \""); i > 0 {
				r = r[:i]
			}
			m[r]++
		}
	}
	return m
}

// The theme unit test export imports with the counts its README gives,
// its states, threads, sticky post and old addresses; a second import
// changes nothing.
func TestThemeUnitTest(t *testing.T) { themeUnitTestImport(t, newEnv(t)) }

// On PostgreSQL too: the same units, savepoints and upserts.
func TestThemeUnitTestPostgres(t *testing.T) { themeUnitTestImport(t, newPostgresEnv(t)) }

func themeUnitTestImport(t *testing.T, e *env) {
	ctx := context.Background()
	rep := e.run(t, fileOpener(themeUnitTest), wpimport.Options{})
	if rep.Error != "" {
		t.Fatal(rep.Error)
	}
	var out bytes.Buffer
	rep.Print(&out)
	// README: 58 posts (one draft, one scheduled), 21 pages, 37
	// attachments, 70 menu items, 68 categories, 110 tags, 2 authors, 33
	// comments.
	for kind, want := range map[string]int{"post": 58, "page": 21, "attachment": 37, "nav_menu_item": 70,
		"category": 68, "author": 2, "comment": 33} {
		c := counts(rep, kind)
		if got := c.Imported + c.Skipped; got != want {
			t.Errorf("%s: %+v, %d in all, want %d", kind, c, got, want)
		}
	}
	for kind, want := range map[string]int{"post": 58, "category": 68, "author": 2, "comment": 24, "tag": 60} {
		if c := counts(rep, kind); c.Imported < want {
			t.Errorf("%s: %d imported, want %d or more\n%s", kind, c.Imported, want, out.String())
		}
	}
	// Of the 110 tags listed, 60 are on posts and 50 on none; posts carry
	// 4 more that the list leaves out.
	if c := counts(rep, "tag"); c.Imported != 64 || c.Skipped != 50 || reasons(rep, "tag")["no imported post has it"] != 50 {
		t.Errorf("tags %+v", c)
	}
	if c := counts(rep, "page"); c.Imported != 21 {
		t.Errorf("pages %+v", c)
	}
	if r := reasons(rep, "comment"); r["pingbacks are not comments"] != 2 || r["trackbacks are not comments"] != 2 || r["static pages have no comments"] != 5 {
		t.Errorf("comments skipped for %v", r)
	}
	if r := reasons(rep, "attachment"); r["no uploads folder given (--uploads)"] != 37 {
		t.Errorf("attachments skipped for %v", r)
	}
	if rep.Site.Permalink != "/%year%/%monthnum%/%day%/%postname%/" {
		t.Errorf("permalink %q", rep.Site.Permalink)
	}
	if !strings.Contains(out.String(), "post ") || !strings.Contains(out.String(), "pingbacks are not comments") {
		t.Errorf("printed report:\n%s", out.String())
	}

	// States and dates.
	for slug, want := range map[string]news.Status{"scheduled": news.Scheduled, "template-sticky": news.Published,
		"template-password-protected": news.Unpublished} {
		a, err := e.st.ArticleBySlug(ctx, slug)
		if err != nil || a.Status != want {
			t.Errorf("%s: %v %v, want %s", slug, a.Status, err, want)
		}
	}
	sched, _ := e.st.ArticleBySlug(ctx, "scheduled")
	if got := sched.Published.UTC().Format("2006-01-02 15:04:05"); got != "2030-01-01 19:00:18" {
		t.Errorf("scheduled for %s", got)
	}
	list, err := e.st.DeskArticles(ctx, news.DeskFilter{Status: news.Draft}, news.Page{Number: 1, Size: 10})
	if err != nil || list.Total != 1 {
		t.Errorf("drafts: %d, %v", list.Total, err)
	}

	// Comments, threaded, with emails kept.
	tc, _ := e.st.ArticleBySlug(ctx, "template-comments")
	cs, err := e.st.Comments(ctx, news.CommentFilter{ArticleID: tc.ID})
	if err != nil {
		t.Fatal(err)
	}
	replies, emails := 0, 0
	for _, c := range cs {
		if c.ParentID != 0 {
			replies++
		}
		if c.Email != "" {
			emails++
		}
	}
	if len(cs) != 20 || replies == 0 || emails == 0 {
		t.Errorf("template-comments: %d comments, %d replies, %d with email", len(cs), replies, emails)
	}

	// The sticky post is featured.
	set, err := e.st.Settings(ctx)
	sticky, _ := e.st.ArticleBySlug(ctx, "template-sticky")
	if err != nil || len(set.Front.Featured) != 1 || set.Front.Featured[0] != sticky.ID {
		t.Errorf("featured %v, want [%d] (%v)", set.Front.Featured, sticky.ID, err)
	}

	// Authors are bylines and disabled accounts without a password.
	u, err := e.st.UserByEmail(ctx, "themereviewteam@gmail.com")
	if err != nil || !u.Disabled || u.PasswordHash != store.NoPassword || u.AuthorID == 0 || u.Role != news.Contributor {
		t.Errorf("account %+v, %v", u, err)
	}

	// Old addresses.
	sec, _ := e.st.SectionBySlug(ctx, "markup")
	about, err := e.st.PageBySlug(ctx, "about")
	if err != nil || about.Status != news.Published || about.Title != "About The Tests" || about.InFooter {
		t.Errorf("page about: %+v %v", about, err)
	}
	level2, err := e.st.PageBySlug(ctx, "level-2")
	if err != nil {
		t.Error(err)
	}
	for _, c := range []struct {
		path, query string
		kind        news.RedirectKind
		id          int64
	}{
		{"/2012/01/07/template-sticky/", "", news.RedirectArticle, sticky.ID},
		{"/2012/01/07/TEMPLATE-STICKY", "", news.RedirectArticle, sticky.ID},
		{"/", "p=1241", news.RedirectArticle, sticky.ID},
		{"/category/markup/", "", news.RedirectSection, sec.ID},
		{"/category/markup/page/2/", "", news.RedirectSection, sec.ID},
		{"/category/markup/feed/", "", news.RedirectSection, sec.ID},
		{"/author/themedemos/", "", news.RedirectAuthor, 0},
		{"/about/", "", news.RedirectPage, about.ID},
		{"/", "page_id=2", news.RedirectPage, about.ID},
		{"/level-1/level-2/", "", news.RedirectPage, level2.ID},
	} {
		var got news.Redirect
		err := news.ErrNotFound
		for _, key := range news.RedirectCandidates(c.path, c.query) {
			if got, err = e.st.Redirect(ctx, key); err == nil {
				break
			}
		}
		if err != nil || got.Kind != c.kind || c.id != 0 && got.TargetID != c.id {
			t.Errorf("%s?%s: %+v %v, want %s %d", c.path, c.query, got, err, c.kind, c.id)
		}
	}

	// Again: nothing new, nothing changed.
	n, _ := e.st.CountArticles(ctx)
	again := e.run(t, fileOpener(themeUnitTest), wpimport.Options{})
	for kind, c := range again.Counts {
		if c.Imported != 0 || c.Updated != 0 {
			t.Errorf("second import, %s: %+v", kind, *c)
		}
	}
	if c := counts(again, "page"); c.Unchanged != 21 {
		t.Errorf("second import, pages %+v", c)
	}
	if c := counts(again, "post"); c.Unchanged != 58 {
		t.Errorf("second import, posts %+v", c)
	}
	if m, _ := e.st.CountArticles(ctx); m != n {
		t.Errorf("%d articles after the second import, %d before", m, n)
	}
	if cs2, _ := e.st.Comments(ctx, news.CommentFilter{ArticleID: tc.ID}); len(cs2) != len(cs) {
		t.Errorf("%d comments after the second import, %d before", len(cs2), len(cs))
	}
	reports, err := e.st.ImportReports(ctx, 10)
	if err != nil || len(reports) != 2 {
		t.Errorf("%d reports kept, %v", len(reports), err)
	}
}

// A dry run reports what an import would do and stores nothing.
func TestDryRun(t *testing.T) { dryRun(t, newEnv(t)) }

func TestDryRunPostgres(t *testing.T) { dryRun(t, newPostgresEnv(t)) }

func dryRun(t *testing.T, e *env) {
	ctx := context.Background()
	rep := e.run(t, fileOpener(themeUnitTest), wpimport.Options{DryRun: true})
	if c := counts(rep, "post"); c.Imported != 58 || rep.Error != "" {
		t.Errorf("dry run: posts %+v, %s", c, rep.Error)
	}
	if c := counts(rep, "comment"); c.Imported != 24 {
		t.Errorf("dry run: comments %+v", c)
	}
	n, _ := e.st.CountArticles(ctx)
	secs, _ := e.st.Sections(ctx)
	authors, _ := e.st.Authors(ctx)
	users, _ := e.st.Users(ctx)
	reports, _ := e.st.ImportReports(ctx, 10)
	_, rerr := e.st.Redirect(ctx, "/?p=1241")
	if n != 0 || len(secs) != 0 || len(authors) != 0 || len(users) != 0 || len(reports) != 0 || rerr == nil {
		t.Errorf("dry run stored %d articles, %d sections, %d authors, %d users, %d reports, redirect %v",
			n, len(secs), len(authors), len(users), len(reports), rerr)
	}
}
