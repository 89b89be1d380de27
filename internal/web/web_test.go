package web_test

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/midad/midad/internal/accounts"
	"github.com/midad/midad/internal/demo"
	"github.com/midad/midad/internal/discussion"
	"github.com/midad/midad/internal/i18n"
	"github.com/midad/midad/internal/media"
	"github.com/midad/midad/internal/newsdesk"
	"github.com/midad/midad/internal/search"
	"github.com/midad/midad/internal/store"
	"github.com/midad/midad/internal/web"
	"github.com/midad/midad/internal/web/admin"
	"github.com/midad/midad/internal/web/pagecache"
	"github.com/midad/midad/internal/web/site"
	"github.com/midad/midad/internal/web/view"
	"github.com/midad/midad/internal/wpimport"
)

type server struct {
	*httptest.Server
	store   *store.Store
	logs    *syncBuffer
	desk    *newsdesk.Desk
	imports *wpimport.Jobs
}

// syncBuffer collects the server's log lines for tests that read them.
type syncBuffer struct {
	mu  sync.Mutex
	buf strings.Builder
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// newServer starts the whole site on a real SQLite database holding the
// demo content, behind the same listener as production.
// demoDB is a database file with the demo loaded, made once for the
// package; each test server works on its own copy.
var demoDB struct {
	once sync.Once
	path string
	err  error
}

func demoCopy(t testing.TB) string {
	t.Helper()
	demoDB.once.Do(func() {
		dir, err := os.MkdirTemp("", "midad-web-test-")
		if err != nil {
			demoDB.err = err
			return
		}
		demoDB.path = filepath.Join(dir, "demo.db")
		st, err := store.Open(context.Background(), "sqlite:"+demoDB.path)
		if err != nil {
			demoDB.err = err
			return
		}
		demoDB.err = errors.Join(demo.Load(context.Background(), st), st.Close())
	})
	if demoDB.err != nil {
		t.Fatal(demoDB.err)
	}
	b, err := os.ReadFile(demoDB.path) // closed cleanly: no -wal file left
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "midad.db")
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestMain(m *testing.M) {
	code := m.Run()
	if demoDB.path != "" {
		os.RemoveAll(filepath.Dir(demoDB.path))
	}
	os.Exit(code)
}

func newServer(t testing.TB) *server {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, "sqlite:"+demoCopy(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	cat := i18n.NewCatalog()
	v, err := view.New(cat)
	if err != nil {
		t.Fatal(err)
	}
	logs := &syncBuffer{}
	level := slog.LevelDebug
	if _, bench := t.(*testing.B); bench {
		level = slog.LevelWarn // a line a request would be what is measured
	}
	log := slog.New(slog.NewTextHandler(io.MultiWriter(logs, t.Output()), &slog.HandlerOptions{Level: level}))
	now := func() time.Time { return time.Date(2026, 11, 29, 10, 0, 0, 0, time.UTC) }
	comments := discussion.New(st, log, now)
	mediaDir := t.TempDir()
	images := media.New(st, mediaDir, media.Options{MaxBytes: 2 << 20})
	s := site.New(site.Options{Content: st, Comments: comments, Search: search.New(st), View: v, Catalog: cat, Addresses: st, Log: log, Now: now, Sitemaps: st, Icons: images})
	acc := accounts.New(st, log, now)
	desk := newsdesk.New(st, log, now)
	imports := wpimport.NewJobs(ctx, st, images)
	t.Cleanup(imports.Wait)
	newsroom := admin.New(admin.Options{Accounts: acc, Users: acc, Pages: s, Content: st, Moderator: comments,
		Settings: st, Sections: st, Tags: st, Authors: st, Articles: st, Desk: desk, Preview: s, Media: images, HouseAds: v.Assets().HouseAds(), Catalog: cat,
		StaticPages: newsdesk.NewPages(st, now), Imports: imports, ImportDir: filepath.Join(mediaDir, "imports")})
	ts := httptest.NewUnstartedServer(web.Handler(web.Options{Site: s, Admin: newsroom, DB: st, Log: log, Media: media.Files(mediaDir, s.NotFound),
		// Every HTTP test runs with the page cache on, as Midad serves.
		Cache: pagecache.New(pagecache.Options{Generation: st.Generation, MaxBytes: 16 << 20, TTL: time.Hour, Now: now})}))
	ts.Listener = web.Listener(ts.Listener, s.StaticErrorPage)
	ts.Config.MaxHeaderBytes = web.MaxHeaderBytes
	ts.Start()
	t.Cleanup(ts.Close)
	return &server{Server: ts, store: st, logs: logs, desk: desk, imports: imports}
}

func noRedirect(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }

func (s *server) get(t *testing.T, method, path string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(method, s.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	return s.do(t, req)
}

// raw sends bytes as they are, for requests no Go client would send.
func (s *server) raw(t *testing.T, request string) (status int, body string) {
	t.Helper()
	c, err := net.Dial("tcp", s.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if _, err := io.WriteString(c, request); err != nil {
		t.Fatal(err)
	}
	res, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}

var seedPath = "/article/" + url.PathEscape(demo.SeedSlug)

const seedHeadline = "حموشي في ضيافة رئيس مجلس الوزراء ومدير الأمن العام بقطر"

// arabicPage checks what every HTML answer must be: an Arabic,
// right-to-left page with a viewport, and no stray tracking text.
func arabicPage(t *testing.T, body string) {
	t.Helper()
	for _, want := range []string{`<html lang="ar" dir="rtl">`, `<meta name="viewport"`, `<meta charset="utf-8">`} {
		if !strings.Contains(body, want) {
			t.Errorf("page lacks %s", want)
		}
	}
	if strings.Contains(body, "fbpx") {
		t.Error("page contains fbpx")
	}
}

func TestPages(t *testing.T) {
	s := newServer(t)
	tests := []struct {
		name, method, path string
		status             int
		contains           []string
	}{
		{"front page", "GET", "/", 200, []string{`href="` + seedPath + `">` + seedHeadline + `</a>`, "رياضة", "وطنية"}},
		{"article", "GET", seedPath, 200, []string{seedHeadline, "الخبرة المغربية في كأس العالم", "ياسين قُطيب"}},
		{"section", "GET", "/section/sport", 200, []string{"رياضة", "40 مقالاً", `rel="next" href="/section/sport?page=2"`}},
		{"section page 2", "GET", "/section/sport?page=2", 200, []string{`rel="prev" href="/section/sport"`, "صفحة 2 من 2"}},
		{"author with Arabic slug", "GET", "/author/" + url.PathEscape("ياسين-قطيب"), 200, []string{"ياسين قُطيب", "مقال واحد", seedHeadline}},
		{"author", "GET", "/author/jawhara-fm", 200, []string{"جوهرة أف أم", `<p class="list-count">360 مقالاً</p>`}},
		{"tag", "GET", "/tag/" + url.PathEscape("قطر"), 200, []string{seedHeadline}},
		{"unknown path", "GET", "/nope", 404, []string{"الصفحة غير موجودة"}},
		{"unknown article", "GET", "/article/" + url.PathEscape("لا-يوجد"), 404, []string{"الصفحة غير موجودة"}},
		{"article slug of invalid UTF-8", "GET", "/article/%D8", 404, []string{"الصفحة غير موجودة"}},
		{"unknown section", "GET", "/section/nope", 404, []string{"الصفحة غير موجودة"}},
		{"unknown author", "GET", "/author/nope", 404, []string{"الصفحة غير موجودة"}},
		{"page past the end", "GET", "/section/sport?page=3", 404, []string{"الصفحة غير موجودة"}},
		{"page not a number", "GET", "/section/sport?page=abc", 400, []string{"طلب غير صالح"}},
		{"page zero", "GET", "/section/sport?page=0", 400, []string{"طلب غير صالح"}},
		{"page huge", "GET", "/section/sport?page=99999999999999999999", 400, []string{"طلب غير صالح"}},
		{"malformed query", "GET", "/?q=%zz", 400, []string{"طلب غير صالح"}},
		{"odd but valid query", "GET", "/?utm_source=x&&=&fbclid=%D8%A7", 200, []string{seedHeadline}},
		{"long path", "GET", "/" + strings.Repeat("ا", 2000), 414, []string{"الرابط طويل جداً"}},
		{"post to the front page", "POST", "/", 405, []string{"طريقة غير مسموح بها"}},
		{"post to a section", "POST", "/section/sport", 405, []string{"طريقة غير مسموح بها"}},
		{"delete anywhere", "DELETE", "/nope", 404, []string{"الصفحة غير موجودة"}},
		{"unknown static file", "GET", "/static/site.css", 404, []string{"الصفحة غير موجودة"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, body := s.get(t, tt.method, tt.path)
			if res.StatusCode != tt.status {
				t.Fatalf("status %d, want %d", res.StatusCode, tt.status)
			}
			if ct := res.Header.Get("Content-Type"); ct != "text/html; charset=utf-8" {
				t.Errorf("content type %q", ct)
			}
			if res.Header.Get("X-Content-Type-Options") != "nosniff" || res.Header.Get("Content-Security-Policy") == "" {
				t.Error("security headers missing")
			}
			arabicPage(t, body)
			for _, want := range tt.contains {
				if !strings.Contains(body, want) {
					t.Errorf("body lacks %q", want)
				}
			}
			if tt.status >= 400 && !strings.Contains(body, `href="/"`) {
				t.Error("error page has no way home")
			}
		})
	}
}

// TestArticleOrder checks that the article page holds the seed page's
// elements in the seed's order.
func TestArticleOrder(t *testing.T) {
	s := newServer(t)
	_, body := s.get(t, "GET", seedPath)
	order := []string{
		`class="section-link" href="/section/first">الأولى</a>`,
		`<p class="kicker">الخبرة المغربية في كأس العالم</p>`,
		`<h1 class="headline">` + seedHeadline + `</h1>`,
		`<time datetime="2022-11-04T08:00:00Z">الجمعة 4 نونبر 2022 - 09:00</time>`,
		`<p>واكبت الصحافة القطرية زيارة عبد اللطيف حموشي`,
		`انتهت فعالياته أمس (الخيمس).</p>`,
		`rel="author">ياسين قُطيب</a>`,
		`<h2 id="reply-title">اترك تعليقاً</h2>`,
		`لن يتم نشر عنوان بريدك الإلكتروني. الحقول الإلزامية مشار إليها بـ <span class="required">*</span>`,
		`autocomplete="name"`, `autocomplete="email"`, `autocomplete="url"`, `name="comment"`,
		`<span class="visually-hidden">زر الذهاب إلى الأعلى</span>`,
		`>إغلاق</button>`,
		`<h2 id="adblock-title">انت تستخدم إضافة تمنع الإعلانات</h2>`,
		`<p id="adblock-text">نود أن نشكركم على زيارتكم لموقعنا.`,
	}
	at := 0
	for _, want := range order {
		i := strings.Index(body[at:], want)
		if i < 0 {
			t.Fatalf("after position %d, the page lacks %q", at, want)
		}
		at += i + len(want)
	}
	for _, label := range []string{"الاسم", "البريد الإلكتروني", "الموقع الإلكتروني", "التعليق"} {
		if !regexp.MustCompile(`<label for="comment-\w+">` + label).MatchString(body) {
			t.Errorf("no label %q", label)
		}
	}
	if !strings.Contains(body, `<link rel="canonical" href="`+s.URL+seedPath+`">`) {
		t.Error("no canonical link")
	}
}

func TestIDRedirectsToCanonical(t *testing.T) {
	s := newServer(t)
	a, err := s.store.ArticleBySlug(context.Background(), demo.SeedSlug)
	if err != nil {
		t.Fatal(err)
	}
	res, _ := s.get(t, "GET", fmt.Sprintf("/a/%d", a.ID))
	if res.StatusCode != http.StatusFound || res.Header.Get("Location") != seedPath {
		t.Errorf("got %d to %q, want 302 to %q", res.StatusCode, res.Header.Get("Location"), seedPath)
	}
	for _, p := range []string{"/a/0", "/a/-1", "/a/abc", "/a/999999"} {
		if res, _ := s.get(t, "GET", p); res.StatusCode != http.StatusNotFound {
			t.Errorf("%s: status %d, want 404", p, res.StatusCode)
		}
	}
}

func TestAssets(t *testing.T) {
	s := newServer(t)
	_, body := s.get(t, "GET", "/")
	css := regexp.MustCompile(`href="(/static/site\.[0-9a-f]{8}\.css)"`).FindStringSubmatch(body)
	js := regexp.MustCompile(`src="(/static/site\.[0-9a-f]{8}\.js)"`).FindStringSubmatch(body)
	if css == nil || js == nil {
		t.Fatal("page does not link fingerprinted site.css and site.js")
	}
	for path, ctype := range map[string]string{css[1]: "text/css; charset=utf-8", js[1]: "text/javascript; charset=utf-8"} {
		res, body := s.get(t, "GET", path)
		if res.StatusCode != 200 || res.Header.Get("Content-Type") != ctype || len(body) == 0 {
			t.Errorf("%s: %d %q", path, res.StatusCode, res.Header.Get("Content-Type"))
		}
		if !strings.Contains(res.Header.Get("Cache-Control"), "immutable") {
			t.Errorf("%s: cache %q", path, res.Header.Get("Cache-Control"))
		}
	}
	res, body := s.get(t, "GET", "/ads/ads.js")
	if res.StatusCode != 200 || !strings.Contains(body, "midadAds = true") {
		t.Errorf("/ads/ads.js: %d", res.StatusCode)
	}
	if res, _ := s.get(t, "GET", "/ads/house/midad-digital.svg"); res.StatusCode != 200 {
		t.Errorf("house ad: %d", res.StatusCode)
	}
	if _, body := s.get(t, "GET", "/"); !strings.Contains(body, `<aside class="ad-slot ad-header" aria-label="إعلان"><a href="/" rel="sponsored noopener"><img src="/ads/house/midad-digital.svg"`) {
		t.Error("front page has no header ad slot")
	}
}

func TestHealth(t *testing.T) {
	s := newServer(t)
	res, body := s.get(t, "GET", "/healthz")
	if res.StatusCode != 200 || body != "ok\n" {
		t.Errorf("healthz: %d %q", res.StatusCode, body)
	}
	s.store.Close()
	res, _ = s.get(t, "GET", "/healthz")
	if res.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("healthz with the database closed: %d", res.StatusCode)
	}
}

// TestDatabaseFailure checks that a broken database gives the Arabic error
// page with an error id, never the error's text.
func TestDatabaseFailure(t *testing.T) {
	s := newServer(t)
	s.store.Close()
	res, body := s.get(t, "GET", seedPath)
	if res.StatusCode != http.StatusInternalServerError {
		t.Fatalf("status %d", res.StatusCode)
	}
	arabicPage(t, body)
	if !regexp.MustCompile(`رقم الخطأ: <code dir="ltr">[0-9a-f]{12}</code>`).MatchString(body) {
		t.Error("no error id on the page")
	}
	if strings.Contains(body, "sql") || strings.Contains(body, "closed") {
		t.Error("the page shows the raw error")
	}
}

// TestMalformedRequests sends what the Go HTTP server rejects before any
// handler runs; the answers must still be Arabic pages.
func TestMalformedRequests(t *testing.T) {
	s := newServer(t)
	tests := []struct {
		name    string
		request string
		status  int
		text    string
	}{
		{"bad percent-escape", "GET /%zz HTTP/1.1\r\nHost: x\r\n\r\n", 400, "طلب غير صالح"},
		{"truncated escape", "GET /article/% HTTP/1.1\r\nHost: x\r\n\r\n", 400, "طلب غير صالح"},
		{"no host", "GET / HTTP/1.1\r\n\r\n", 400, "طلب غير صالح"},
		{"huge header", "GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + strings.Repeat("a", 100<<10) + "\r\n\r\n", 431, "الطلب كبير جداً"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, body := s.raw(t, tt.request)
			if status != tt.status {
				t.Fatalf("status %d, want %d", status, tt.status)
			}
			arabicPage(t, body)
			if !strings.Contains(body, tt.text) {
				t.Errorf("body lacks %q", tt.text)
			}
		})
	}
	// A good request on a fresh connection still works after all that.
	if status, body := s.raw(t, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"); status != 200 || body != "ok\n" {
		t.Errorf("healthz after malformed requests: %d %q", status, body)
	}
}
