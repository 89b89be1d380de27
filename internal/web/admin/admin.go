// Package admin serves the newsroom's pages, behind a sign-in. It starts
// with signing in and out and the newsroom's home; the editing screens come
// next.
package admin

import (
	"context"
	"net/http"
	"strings"

	"github.com/midad/midad/internal/accounts"
	"github.com/midad/midad/internal/i18n"
	"github.com/midad/midad/internal/news"
	"github.com/midad/midad/internal/web/view"
)

// cookieName is the session cookie over plain HTTP, sent only to the
// newsroom. Over HTTPS it is secureCookieName: the __Host- prefix makes
// browsers refuse it unless it is Secure, host-only and for the path "/"
// (so a sibling subdomain cannot plant one), which is why it is then sent
// to the reader pages too.
const (
	cookieName       = "midad_session"
	secureCookieName = "__Host-midad_session"
)

// sessionCookie is the name and path of the session cookie for r.
func (a *Admin) sessionCookie(r *http.Request) (name, path string) {
	if a.secure || r.TLS != nil {
		return secureCookieName, "/"
	}
	return cookieName, "/newsroom"
}

// Accounts signs people in and out.
type Accounts interface {
	SignIn(ctx context.Context, in accounts.Attempt) (accounts.SignedIn, error)
	Authenticate(ctx context.Context, token string) (news.User, error)
	Logout(ctx context.Context, token string) error
}

// Pages draws pages in the site's chrome.
type Pages interface {
	Page(ctx context.Context, title string) (view.Base, error)
	Render(w http.ResponseWriter, r *http.Request, status int, page string, data any)
	Fail(w http.ResponseWriter, r *http.Request, err error)
	ErrorPage(w http.ResponseWriter, r *http.Request, status int, errorID string)
}

// Content is what the newsroom's home shows.
type Content interface {
	Comments(ctx context.Context, f news.CommentFilter) ([]news.Comment, error)
}

// Admin holds the newsroom pages' dependencies.
type Admin struct {
	accounts  Accounts
	pages     Pages
	content   Content
	moderator Moderator
	// accountsAdmin manages accounts (admins only).
	accountsAdmin Users
	settingsStore SettingsStore
	sectionStore  SectionStore
	tagStore      TagStore    // nil: no tag screen
	authorStore   AuthorStore // nil: no author screen
	articles      Articles
	desk          Desk
	previewer     Preview
	media         MediaStore
	staticPages   StaticPages
	imports       ImportJobs
	importDir     string
	houseAds      []string
	cat           *i18n.Catalog
	secure        bool // the site is served over HTTPS: cookies say Secure
	baseURL       string
}

// New returns the newsroom pages.
func New(o Options) *Admin {
	return &Admin{accounts: o.Accounts, accountsAdmin: o.Users, pages: o.Pages, content: o.Content,
		moderator: o.Moderator, settingsStore: o.Settings, sectionStore: o.Sections, tagStore: o.Tags, authorStore: o.Authors, articles: o.Articles, cat: o.Catalog,
		desk: o.Desk, previewer: o.Preview, media: o.Media, houseAds: o.HouseAds, staticPages: o.StaticPages,
		imports: o.Imports, importDir: o.ImportDir,
		secure: strings.HasPrefix(o.BaseURL, "https://"), baseURL: o.BaseURL}
}

// Options are the newsroom pages' dependencies.
type Options struct {
	Accounts  Accounts
	Users     Users
	Pages     Pages
	Content   Content
	Moderator Moderator
	Settings  SettingsStore
	Sections  SectionStore
	Tags      TagStore    // renaming tags; nil leaves the screen out
	Authors   AuthorStore // renaming authors; nil leaves the screen out
	Articles  Articles
	Desk      Desk
	Preview   Preview
	Media     MediaStore // image uploads; nil leaves them out
	HouseAds  []string   // the house ads' image files, for the settings' ad slots
	Catalog   *i18n.Catalog
	BaseURL   string // an https base URL makes cookies Secure; behind TLS they always are

	// StaticPages writes the site's static pages; nil leaves them out.
	StaticPages StaticPages

	// Imports runs WordPress imports, their exports uploaded into
	// ImportDir; nil leaves the import screen out.
	Imports   ImportJobs
	ImportDir string
}

// Routes registers the newsroom pages on mux.
func (a *Admin) Routes(mux *http.ServeMux) {
	mux.HandleFunc("GET /newsroom/login", a.loginForm)
	mux.HandleFunc("POST /newsroom/login", a.login)
	mux.HandleFunc("POST /newsroom/logout", a.logout)
	mux.Handle("GET /newsroom/{$}", a.require(news.Contributor, a.home))
	mux.Handle("GET /newsroom/articles", a.require(news.Contributor, a.articleList))
	mux.Handle("GET /newsroom/articles/new", a.require(news.Contributor, a.newArticle))
	mux.Handle("POST /newsroom/articles", a.require(news.Contributor, a.saveArticle))
	mux.Handle("GET /newsroom/articles/{id}", a.require(news.Contributor, a.editArticle))
	mux.Handle("POST /newsroom/articles/{id}", a.require(news.Contributor, a.saveArticle))
	mux.Handle("GET /newsroom/articles/{id}/preview", a.require(news.Contributor, a.preview))
	mux.Handle("POST /newsroom/articles/{id}/claim", a.require(news.Contributor, a.claim))
	mux.Handle("POST /newsroom/articles/{id}/release", a.require(news.Contributor, a.release))
	mux.Handle("GET /newsroom/articles/{id}/revisions", a.require(news.Contributor, a.revisions))
	mux.Handle("POST /newsroom/articles/{id}/revisions/{version}/restore", a.require(news.Contributor, a.restore))
	if a.media != nil {
		a.MediaRoutes(mux, a.media)
	}
	if a.staticPages != nil {
		a.staticPageRoutes(mux)
	}
	if a.imports != nil {
		a.importRoutes(mux)
	}
	mux.Handle("GET /newsroom/comments", a.require(news.Editor, a.comments))
	mux.Handle("POST /newsroom/comments", a.require(news.Editor, a.moderate))
	mux.Handle("GET /newsroom/front", a.require(news.Editor, a.front))
	mux.Handle("POST /newsroom/front", a.require(news.Editor, a.saveFront))
	mux.Handle("GET /newsroom/sections", a.require(news.Editor, a.sections))
	mux.Handle("POST /newsroom/sections", a.require(news.Editor, a.saveSections))
	mux.Handle("POST /newsroom/sections/new", a.require(news.Editor, a.addSection))
	if a.tagStore != nil {
		mux.Handle("GET /newsroom/tags", a.require(news.Editor, a.tags))
		mux.Handle("POST /newsroom/tags/{id}", a.require(news.Editor, a.saveTag))
	}
	if a.authorStore != nil {
		mux.Handle("GET /newsroom/authors", a.require(news.Editor, a.authors))
		mux.Handle("POST /newsroom/authors/{id}", a.require(news.Editor, a.saveAuthor))
	}
	mux.Handle("GET /newsroom/settings", a.require(news.Admin, a.settings))
	mux.Handle("POST /newsroom/settings", a.require(news.Admin, a.saveSettings))
	mux.Handle("GET /newsroom/users", a.require(news.Admin, a.users))
	mux.Handle("POST /newsroom/users", a.require(news.Admin, a.createUser))
	mux.Handle("POST /newsroom/users/{id}/disable", a.require(news.Admin, a.setDisabled(true)))
	mux.Handle("POST /newsroom/users/{id}/enable", a.require(news.Admin, a.setDisabled(false)))
}

type userKey struct{}

// require lets through requests from a signed-in account of at least the
// role, and sends others to the sign-in page.
func (a *Admin) require(role news.Role, next http.HandlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		noStore(w)
		name, _ := a.sessionCookie(r)
		c, err := r.Cookie(name)
		var u news.User
		if err == nil {
			u, err = a.accounts.Authenticate(r.Context(), c.Value)
		}
		if err != nil {
			http.Redirect(w, r, "/newsroom/login", http.StatusSeeOther)
			return
		}
		if !u.Role.AtLeast(role) {
			a.pages.Fail(w, r, news.ErrNotFound)
			return
		}
		next(w, r.WithContext(context.WithValue(r.Context(), userKey{}, u)))
	})
}

// currentUser is the account require let through.
func currentUser(r *http.Request) news.User {
	u, _ := r.Context().Value(userKey{}).(news.User)
	return u
}

// noStore keeps newsroom answers out of every cache.
func noStore(w http.ResponseWriter) {
	w.Header().Set("Cache-Control", "no-store")
}

// page is the chrome of a newsroom page: no ads, not indexed.
func (a *Admin) page(r *http.Request, titleKey string) (view.Base, error) {
	base, err := a.pages.Page(r.Context(), "")
	if err != nil {
		return base, err
	}
	base.Title = a.cat.T(base.Lang, titleKey)
	base.NoIndex = true
	base.Site.Ads, base.Site.Analytics = nil, nil
	return base, nil
}
