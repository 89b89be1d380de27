// Package site serves the reader-facing pages: the front page, sections,
// authors, tags, articles, and the error pages that stand in for them.
package site

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/midad/midad/internal/discussion"
	"github.com/midad/midad/internal/i18n"
	"github.com/midad/midad/internal/icon"
	"github.com/midad/midad/internal/news"
	"github.com/midad/midad/internal/sitemap"
	"github.com/midad/midad/internal/web/reqid"
	"github.com/midad/midad/internal/web/view"

	_ "time/tzdata" // the settings' time zones, on machines without zoneinfo
)

// Content is what the reader site reads from storage.
type Content interface {
	Settings(ctx context.Context) (news.Settings, error)
	Sections(ctx context.Context) ([]news.Section, error)
	SectionBySlug(ctx context.Context, slug string) (news.Section, error)
	AuthorBySlug(ctx context.Context, slug string) (news.Author, error)
	TagBySlug(ctx context.Context, slug string) (news.Tag, error)
	ArticleBySlug(ctx context.Context, slug string) (news.Article, error)
	ArticleByID(ctx context.Context, id int64) (news.Article, error)
	Authors(ctx context.Context) ([]news.Author, error)
	PublishedArticles(ctx context.Context, f news.Filter, p news.Page) (news.ArticleList, error)
	PublishedPage(ctx context.Context, f news.Filter, p news.Page) ([]news.Article, bool, error)
	LatestBySection(ctx context.Context, now time.Time, perSection int) (map[int64][]news.Article, error)
	Breaking(ctx context.Context, now time.Time, limit int) ([]news.Article, error)
	Image(ctx context.Context, id int64) (news.Image, error)
	PageBySlug(ctx context.Context, slug string) (news.StaticPage, error)
	FooterPages(ctx context.Context) ([]news.StaticPage, error)
}

// Comments is what the article page needs of the comments service.
type Comments interface {
	Token(ctx context.Context, articleID int64) (string, error)
	Thread(ctx context.Context, articleID int64) ([]news.Comment, int, error)
	Submit(ctx context.Context, sub discussion.Submission) (discussion.Outcome, error)
}

// Site holds the reader pages' dependencies; its methods are the handlers.
type Site struct {
	content  Content
	comments Comments
	search   Searcher
	// addresses answers earlier addresses (redirect.go); nil: none.
	addresses Addresses
	view      *view.Renderer
	cat       *i18n.Catalog
	log       *slog.Logger
	now       func() time.Time
	baseURL   string
	sitemaps  Sitemaps
	// sitemapLimits bound each sitemap file (sitemap.DefaultLimits).
	sitemapLimits sitemap.Limits
	// iconSource and icons: the site's icons (icons.go).
	iconSource IconSource
	icons      iconCache
	// chromes: the layout's content, per generation (chrome.go).
	chromes chromeMemo
}

// Options configure a Site.
type Options struct {
	Content  Content
	Comments Comments
	Search   Searcher
	// Addresses leads earlier addresses to where things live now (nil:
	// unknown addresses are simply 404).
	Addresses Addresses
	View      *view.Renderer
	Catalog   *i18n.Catalog
	Log       *slog.Logger
	Now       func() time.Time // defaults to time.Now
	BaseURL   string           // public base URL; empty means each request's host
	// Sitemaps serves /sitemap.xml and /sitemaps/…; nil leaves them out.
	Sitemaps      Sitemaps
	SitemapLimits sitemap.Limits // zero: the protocol's limits
	Icons         IconSource     // the uploaded site icon; nil: always the default icon
}

// New returns the reader site.
func New(o Options) *Site {
	if o.Now == nil {
		o.Now = time.Now
	}
	return &Site{content: o.Content, comments: o.Comments, search: o.Search, addresses: o.Addresses, view: o.View, cat: o.Catalog, log: o.Log, now: o.Now, baseURL: o.BaseURL,
		sitemaps: o.Sitemaps, sitemapLimits: o.SitemapLimits, iconSource: o.Icons}
}

// Routes registers the reader pages on mux.
func (s *Site) Routes(mux *http.ServeMux) {
	mux.HandleFunc("GET /{$}", s.front)
	mux.HandleFunc("GET /section/{slug}", s.section)
	mux.HandleFunc("GET /author/{slug}", s.author)
	mux.HandleFunc("GET /tag/{slug}", s.tag)
	mux.HandleFunc("GET /search", s.searchPage)
	mux.HandleFunc("GET /article/{slug}", s.article)
	mux.HandleFunc("POST /article/{slug}/comments", s.postComment)
	mux.HandleFunc("GET /article/{slug}/token", s.commentToken)
	mux.HandleFunc("GET /a/{id}", s.articleByID)
	mux.HandleFunc("GET /page/{slug}", s.staticPage)
	mux.HandleFunc("GET /static/{name}", s.static)
	mux.HandleFunc("GET /ads/{name...}", s.ad)
	s.feedRoutes(mux)
	mux.HandleFunc("GET /robots.txt", s.robots)
	if s.sitemaps != nil {
		mux.HandleFunc("GET /sitemap.xml", s.sitemapIndex)
		mux.HandleFunc("GET /sitemaps/{name}", s.sitemapFile)
	}
	mux.HandleFunc("GET "+view.FaviconPath, s.iconFile("image/x-icon", func(i *icon.Set) []byte { return i.Favicon }))
	mux.HandleFunc("GET "+view.TouchPath, s.iconFile("image/png", func(i *icon.Set) []byte { return i.Touch }))
	mux.HandleFunc("GET /apple-touch-icon-precomposed.png", s.iconFile("image/png", func(i *icon.Set) []byte { return i.Touch }))
	mux.HandleFunc("GET "+view.AppSmallPath, s.iconFile("image/png", func(i *icon.Set) []byte { return i.AppSmall }))
	mux.HandleFunc("GET "+view.AppLargePath, s.iconFile("image/png", func(i *icon.Set) []byte { return i.AppLarge }))
	mux.HandleFunc("GET "+view.ManifestPath, s.manifest)
}

// base fills the data every page's layout needs.
func (s *Site) base(ctx context.Context, title string) (view.Base, error) {
	c, err := s.chrome(ctx)
	if err != nil {
		return view.Base{}, err
	}
	set, sections, footer := c.set, c.sections, c.footer
	now := s.now()
	breaking, err := s.content.Breaking(ctx, now, 3)
	if err != nil {
		return view.Base{}, err
	}
	return view.Base{
		Breaking:    breaking,
		Lang:        set.Lang,
		Dir:         i18n.Dir(set.Lang),
		Title:       title,
		Description: set.Description,
		Site:        set,
		Sections:    sections,
		Dates:       c.dates,
		Now:         now,
		AdLabel:     s.cat.T(set.Lang, "ad.label"),
		FooterPages: footer,
		Feeds:       s.feedLinks(set, "", ""),
		Icons:       view.NewIcons(set),
	}, nil
}

// dates builds the date formatter from the settings, falling back to the
// defaults for values that do not parse: a bad setting must not take the
// site down.
func dates(set news.Settings) i18n.Dates {
	d := i18n.Dates{Months: i18n.Maghreb, Digits: i18n.Latin}
	if m, err := i18n.ParseMonthStyle(set.Months); err == nil {
		d.Months = m
	}
	if g, err := i18n.ParseDigitStyle(set.Digits); err == nil {
		d.Digits = g
	}
	if loc, err := loadZone(set.Timezone); err == nil && set.Timezone != "" {
		d.Loc = loc
	}
	return d
}

// canonical is the absolute URL of path on this site.
func (s *Site) canonical(r *http.Request, path string) string {
	if s.baseURL != "" {
		return s.baseURL + path
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host + path
}

// Page gives other parts of the web layer (the newsroom) the site's page
// chrome: the layout's data for a page titled title.
func (s *Site) Page(ctx context.Context, title string) (view.Base, error) { return s.base(ctx, title) }

// Render writes a page with the given status, or the error page if the
// template fails; nothing is written before the page is complete.
func (s *Site) Render(w http.ResponseWriter, r *http.Request, status int, page string, data any) {
	var buf bytes.Buffer
	if err := s.view.Render(&buf, page, data); err != nil {
		s.Fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	// Pages that load the newsroom's analytics scripts allow their origins.
	if p, ok := data.(interface{ ScriptOrigins() []string }); ok {
		if origins := p.ScriptOrigins(); len(origins) > 0 {
			w.Header().Set("Content-Security-Policy", view.ContentSecurityPolicy(origins))
		}
	}
	// What the page shows, for a CDN's exact purge (surrogate.go).
	if p, ok := data.(interface{ SurrogateKeys() []string }); ok {
		w.Header().Set("Surrogate-Key", strings.Join(p.SurrogateKeys(), " "))
	}
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// errBadRequest marks errors caused by the request itself (a malformed page
// number, say), answered with 400.
var errBadRequest = errors.New("bad request")

// Fail answers a request that could not be served: 404 for what does not
// exist (unless the address once led somewhere: see NotFound), 410 for a
// withdrawn article, 400 for a malformed request, 503 with Retry-After when
// the database is out of reach or full (news.Unavailable), and otherwise 500 with
// an error id that is logged with the error and shown to the reader.
func (s *Site) Fail(w http.ResponseWriter, r *http.Request, err error) {
	switch {
	case errors.Is(err, news.ErrNotFound):
		s.NotFound(w, r)
	case errors.Is(err, errGone):
		s.ErrorPage(w, r, http.StatusGone, "")
	case errors.Is(err, errBadRequest):
		s.ErrorPage(w, r, http.StatusBadRequest, "")
	case news.Unavailable(err) && !errors.Is(r.Context().Err(), context.Canceled):
		s.Unavailable(w, r, err)
	default:
		id := ErrorID(r)
		s.log.ErrorContext(r.Context(), "request failed", "error_id", id, "method", r.Method, "path", r.URL.Path, "err", err)
		s.ErrorPage(w, r, http.StatusInternalServerError, id)
	}
}

// RetryAfter is how many seconds a reader is asked to wait when the
// database is out of reach.
const RetryAfter = "10"

// Unavailable answers 503 with Retry-After and the Arabic page drawn
// without the database, logging err under the request's error id.
func (s *Site) Unavailable(w http.ResponseWriter, r *http.Request, err error) {
	id := ErrorID(r)
	s.log.WarnContext(r.Context(), "database unavailable", "error_id", id, "method", r.Method, "path", r.URL.Path, "err", err)
	w.Header().Set("Retry-After", RetryAfter)
	s.ErrorPage(w, r, http.StatusServiceUnavailable, id)
}

// ErrorID is the id an error page shows for r: its request id
// (reqid.Middleware), so the reader's number finds every line logged for
// the request, or a new one.
func ErrorID(r *http.Request) string {
	if id := reqid.From(r.Context()); id != "" {
		return id
	}
	return NewErrorID()
}

// NewErrorID returns a short random id that ties a reader's error page to
// its log line.
func NewErrorID() string {
	b := make([]byte, 6)
	rand.Read(b)
	return hex.EncodeToString(b)
}
