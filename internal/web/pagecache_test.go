package web_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/andybalholm/brotli"

	"github.com/midad/midad/internal/demo"
	"github.com/midad/midad/internal/news"
	"github.com/midad/midad/internal/web/view"
)

// freshness is what must hold of a page once a change is acknowledged.
type freshness struct {
	name  string
	paths []string
	ok    func(path string, status int, body string) bool
}

// TestPageCacheNeverStale hammers the reader pages from several clients
// while the newsroom makes each kind of change, and checks that no request
// that starts after a change is acknowledged gets the page from before it.
func TestPageCacheNeverStale(t *testing.T) {
	s := newServer(t)
	ctx := context.Background()
	seed, err := s.store.ArticleBySlug(ctx, demo.SeedSlug)
	if err != nil {
		t.Fatal(err)
	}
	sectionPath := "/section/" + url.PathEscape(seed.Section.Slug)
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 8}}
	fetch := func(path string) (int, string, error) {
		res, err := client.Get(s.URL + path)
		if err != nil {
			return 0, "", err
		}
		defer res.Body.Close()
		b, err := io.ReadAll(res.Body)
		return res.StatusCode, string(b), err
	}

	// The readers: each request reads the check in force before it is
	// sent, and holds its answer to it.
	var (
		current  atomic.Pointer[freshness]
		checked  atomic.Int64
		mu       sync.Mutex
		failures []string
		stop     = make(chan struct{})
		wg       sync.WaitGroup
	)
	halt := sync.OnceFunc(func() { close(stop); wg.Wait() })
	warm := []string{"/", seedPath, sectionPath}
	for r := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := r; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				c := current.Load()
				path := warm[i%len(warm)]
				if c != nil {
					path = c.paths[i%len(c.paths)]
				}
				status, body, err := fetch(path)
				if err != nil {
					mu.Lock()
					failures = append(failures, err.Error())
					mu.Unlock()
					return
				}
				if c != nil {
					if !c.ok(path, status, body) {
						mu.Lock()
						failures = append(failures, fmt.Sprintf("%s: %s answered the page from before the change (%d)", c.name, path, status))
						mu.Unlock()
					}
					checked.Add(1)
				}
			}
		}()
	}
	defer halt()

	contains := func(want string) func(string, int, string) bool {
		return func(_ string, status int, body string) bool { return status == 200 && strings.Contains(body, want) }
	}
	// change runs one change while the readers hammer, once the pages are
	// cached, then holds every later request to check.
	change := func(c freshness, apply func()) {
		t.Helper()
		for _, p := range c.paths {
			for range 3 { // cached, and served from the cache
				if status, body, err := fetch(p); err != nil || c.ok(p, status, body) {
					t.Fatalf("%s: %s already fresh before the change (%d, %v)", c.name, p, status, err)
				}
			}
		}
		apply() // acknowledged when it returns
		current.Store(&c)
		for _, p := range c.paths {
			if status, body, err := fetch(p); err != nil || !c.ok(p, status, body) {
				t.Errorf("%s: %s right after the change: %d, %v", c.name, p, status, err)
			}
		}
		for start := checked.Load(); checked.Load() < start+40; {
			time.Sleep(time.Millisecond)
			mu.Lock()
			n := len(failures)
			mu.Unlock()
			if n > 0 {
				break
			}
		}
		current.Store(nil)
	}

	// Publish.
	fresh := news.Article{Slug: "fresh-news", Headline: "خبر عاجل جديد", Summary: "ملخص", Lang: "ar", Status: news.Draft,
		Body: "<p>نص الخبر</p>", Section: seed.Section, Authors: seed.Authors,
		Published: time.Date(2026, 11, 29, 9, 59, 0, 0, time.UTC), Updated: time.Date(2026, 11, 29, 9, 59, 0, 0, time.UTC)}
	if err := s.store.CreateArticle(ctx, &fresh); err != nil {
		t.Fatal(err)
	}
	change(freshness{"publish", []string{"/", sectionPath, "/article/fresh-news"}, contains(fresh.Headline)}, func() {
		a, err := s.store.ArticleBySlug(ctx, "fresh-news")
		if err != nil {
			t.Fatal(err)
		}
		a.Status = news.Published
		if err := s.store.UpdateArticle(ctx, &a, 0, ""); err != nil {
			t.Fatal(err)
		}
	})

	// Edit.
	edited := "عنوان مصحح للخبر"
	change(freshness{"edit", []string{seedPath}, contains(edited)}, func() {
		a, err := s.store.ArticleBySlug(ctx, demo.SeedSlug)
		if err != nil {
			t.Fatal(err)
		}
		a.Headline = edited
		if err := s.store.UpdateArticle(ctx, &a, 0, ""); err != nil {
			t.Fatal(err)
		}
	})

	// Unpublish.
	change(freshness{"unpublish", []string{"/", "/article/fresh-news"}, func(path string, status int, body string) bool {
		if path == "/" {
			return status == 200 && !strings.Contains(body, fresh.Headline)
		}
		return status == 404
	}}, func() {
		a, err := s.store.ArticleBySlug(ctx, "fresh-news")
		if err != nil {
			t.Fatal(err)
		}
		a.Status = news.Draft
		if err := s.store.UpdateArticle(ctx, &a, 0, ""); err != nil {
			t.Fatal(err)
		}
	})

	// A scheduled publication firing.
	planned := news.Article{Slug: "planned-news", Headline: "خبر مبرمج يصدر الآن", Summary: "ملخص", Lang: "ar", Status: news.Scheduled,
		Body: "<p>نص</p>", Section: seed.Section, Authors: seed.Authors,
		Published: time.Date(2026, 11, 29, 9, 58, 0, 0, time.UTC), Updated: time.Date(2026, 11, 29, 9, 58, 0, 0, time.UTC)}
	if err := s.store.CreateArticle(ctx, &planned); err != nil {
		t.Fatal(err)
	}
	change(freshness{"scheduled", []string{"/", sectionPath, "/article/planned-news"}, contains(planned.Headline)}, func() {
		if n, err := s.desk.PublishDue(ctx); err != nil || n != 1 {
			t.Fatalf("publish due: %d, %v", n, err)
		}
	})

	// A comment approved.
	cm := news.Comment{ArticleID: seed.ID, Name: "قارئ", Email: "reader@example.ma", Body: "تعليق ينتظر الموافقة",
		Status: news.CommentPending, IP: "192.0.2.1", Key: "k1", Created: time.Date(2026, 11, 29, 9, 0, 0, 0, time.UTC)}
	if _, err := s.store.AddComment(ctx, &cm, news.CommentLimits{PerIP: 100, PerEmail: 100}); err != nil {
		t.Fatal(err)
	}
	change(freshness{"comment approved", []string{seedPath}, contains(cm.Body)}, func() {
		if _, err := s.store.SetCommentStatus(ctx, []int64{cm.ID}, news.CommentApproved); err != nil {
			t.Fatal(err)
		}
	})

	// The front page curated: an older story leads.
	list, err := s.store.PublishedArticles(ctx, news.Filter{Now: time.Date(2026, 11, 29, 10, 0, 0, 0, time.UTC)}, news.Page{Number: 2, Size: 5})
	if err != nil || len(list.Articles) == 0 {
		t.Fatal("no older article", err)
	}
	lead := list.Articles[0]
	leadRe := regexp.MustCompile(`class="lead-title"><a href="` + regexp.QuoteMeta(view.ArticlePath(lead)) + `"`)
	change(freshness{"front curated", []string{"/"}, func(_ string, status int, body string) bool {
		return status == 200 && leadRe.MatchString(body)
	}}, func() {
		set, err := s.store.Settings(ctx)
		if err != nil {
			t.Fatal(err)
		}
		set.Front.Lead = lead.ID
		if err := s.store.SaveSettings(ctx, set); err != nil {
			t.Fatal(err)
		}
	})

	// A setting: the site's name.
	change(freshness{"setting", []string{"/", seedPath, sectionPath}, contains("جريدة الاختبار الجديدة")}, func() {
		set, err := s.store.Settings(ctx)
		if err != nil {
			t.Fatal(err)
		}
		set.SiteName = "جريدة الاختبار الجديدة"
		if err := s.store.SaveSettings(ctx, set); err != nil {
			t.Fatal(err)
		}
	})

	// A section renamed.
	change(freshness{"section renamed", []string{"/", sectionPath, seedPath}, contains("قسم بإسم جديد")}, func() {
		sec, err := s.store.SectionBySlug(ctx, seed.Section.Slug)
		if err != nil {
			t.Fatal(err)
		}
		sec.Name = "قسم بإسم جديد"
		if err := s.store.UpdateSection(ctx, sec); err != nil {
			t.Fatal(err)
		}
	})

	halt()
	for _, f := range failures {
		t.Error(f)
	}
}

// TestPageCacheHTTP: the cached page in gzip and brotli is the page, a
// repeated request with its ETag gets 304, and the headers tell browsers
// and CDNs what they may keep.
func TestPageCacheHTTP(t *testing.T) {
	s := newServer(t)
	get := func(path string, h map[string]string) (*http.Response, []byte) {
		req, _ := http.NewRequest("GET", s.URL+path, nil)
		for k, v := range h {
			req.Header.Set(k, v)
		}
		res, err := (&http.Transport{DisableCompression: true}).RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res, b
	}
	res, plain := get(seedPath, nil)
	if res.StatusCode != 200 || res.Header.Get("Content-Encoding") != "" {
		t.Fatalf("plain: %d %q", res.StatusCode, res.Header.Get("Content-Encoding"))
	}
	cc := res.Header.Get("Cache-Control")
	for _, want := range []string{"public", "max-age=", "s-maxage=", "stale-while-revalidate=", "stale-if-error="} {
		if !strings.Contains(cc, want) {
			t.Errorf("Cache-Control %q lacks %s", cc, want)
		}
	}
	if v := res.Header.Get("Vary"); !strings.Contains(v, "Accept-Encoding") {
		t.Errorf("Vary %q", v)
	}
	if k := res.Header.Get("Surrogate-Key"); !strings.Contains(k, "article-") || !strings.Contains(k, "section-") {
		t.Errorf("Surrogate-Key %q: want the article and its section", k)
	}
	for _, enc := range []string{"gzip", "br"} {
		res, b := get(seedPath, map[string]string{"Accept-Encoding": enc})
		if res.Header.Get("Content-Encoding") != enc {
			t.Fatalf("%s: Content-Encoding %q", enc, res.Header.Get("Content-Encoding"))
		}
		var r io.Reader
		if enc == "gzip" {
			zr, err := gzip.NewReader(bytes.NewReader(b))
			if err != nil {
				t.Fatal(err)
			}
			r = zr
		} else {
			r = brotli.NewReader(bytes.NewReader(b))
		}
		got, err := io.ReadAll(r)
		if err != nil || !bytes.Equal(got, plain) {
			t.Errorf("%s: decoded page differs from the plain one (%v)", enc, err)
		}
		if len(b) >= len(plain)/2 {
			t.Errorf("%s: %d bytes for a %d-byte page", enc, len(b), len(plain))
		}
		etag := res.Header.Get("ETag")
		res2, body := get(seedPath, map[string]string{"Accept-Encoding": enc, "If-None-Match": etag})
		if res2.StatusCode != http.StatusNotModified || len(body) != 0 {
			t.Errorf("%s with If-None-Match %s: %d, %d bytes", enc, etag, res2.StatusCode, len(body))
		}
	}
	// An ETag of another encoding does not match: the bytes differ.
	res3, _ := get(seedPath, map[string]string{"Accept-Encoding": "gzip", "If-None-Match": res.Header.Get("ETag")})
	if res3.StatusCode != 200 {
		t.Errorf("plain ETag for the gzip answer: %d", res3.StatusCode)
	}
	// The front page, the section and the search page all carry one.
	for _, p := range []string{"/", "/search?q=" + url.QueryEscape("المغرب")} {
		if res, _ := get(p, nil); res.Header.Get("ETag") == "" {
			t.Errorf("%s: no ETag", p)
		}
	}
	// A reader's comment notice is not cached; a signed-in user is not served from the cache.
	if res, _ := get(seedPath+"?comment=held", nil); res.Header.Get("ETag") != "" {
		t.Errorf("comment notice answered from the cache")
	}
	if res, _ := get(seedPath, map[string]string{"Cookie": "midad_session=x"}); res.Header.Get("ETag") != "" {
		t.Errorf("a signed-in user was answered from the cache")
	}
}

// TestCommentOnCachedPage: the article page comes from the cache, its
// form still posts, and the form's least time counts from the fresh token
// the page's script fetches, not from when the page was rendered.
func TestCommentOnCachedPage(t *testing.T) {
	s := newServer(t)
	res1, _ := s.get(t, "GET", seedPath)
	res2, page := s.get(t, "GET", seedPath)
	if res1.Header.Get("ETag") == "" || res1.Header.Get("ETag") != res2.Header.Get("ETag") {
		t.Fatalf("the article page is not served from the cache: %q, %q", res1.Header.Get("ETag"), res2.Header.Get("ETag"))
	}
	if !strings.Contains(page, `action="`+commentPath+`"`) {
		t.Fatalf("no comment form posting to %s", commentPath)
	}
	tokenPath := strings.TrimSuffix(commentPath, "/comments") + "/token"
	res, token := s.get(t, "GET", tokenPath)
	if res.StatusCode != 200 || token == "" || res.Header.Get("Cache-Control") != "no-store" || res.Header.Get("ETag") != "" {
		t.Fatalf("token: %d %q, Cache-Control %q, ETag %q", res.StatusCode, token, res.Header.Get("Cache-Control"), res.Header.Get("ETag"))
	}
	res, _ = s.post(t, commentPath, goodComment(token), nil)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("post with the fetched token: %d", res.StatusCode)
	}
	// The server's clock stands still: the post came 0 s after the token,
	// under the form's least time, so it is held as too fast.
	cs := s.comments(t)
	if len(cs) != 1 || !strings.Contains(cs[0].Reason, "too_fast") {
		t.Fatalf("comments %+v: want one held as too_fast", cs)
	}
	// An article that does not exist has no token.
	if res, _ := s.get(t, "GET", "/article/nope/token"); res.StatusCode != http.StatusNotFound {
		t.Errorf("token of a missing article: %d", res.StatusCode)
	}
}
