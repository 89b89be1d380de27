package admin_test

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"testing"

	"github.com/midad/midad/internal/accounts"
	"github.com/midad/midad/internal/discussion"
	"github.com/midad/midad/internal/i18n"
	"github.com/midad/midad/internal/news"
	"github.com/midad/midad/internal/search"
	"github.com/midad/midad/internal/store"
	"github.com/midad/midad/internal/web/admin"
	"github.com/midad/midad/internal/web/site"
	"github.com/midad/midad/internal/web/view"
)

// TestSessionCookieHostPrefix: over HTTPS the session cookie is named
// __Host-…, Secure, host-only, for "/", and it opens the newsroom.
func TestSessionCookieHostPrefix(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, "sqlite:"+filepath.Join(t.TempDir(), "midad.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	cat := i18n.NewCatalog()
	v, err := view.New(cat)
	if err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.DiscardHandler)
	pages := site.New(site.Options{Content: st, Comments: discussion.New(st, log, nil), Search: search.New(st), View: v, Catalog: cat, Log: log})
	acc := accounts.New(st, log, nil)
	if _, err := acc.Create(ctx, accounts.NewUser{Email: "a@example.ma", Name: "سعاد", Password: "a long enough password", Role: news.Admin}); err != nil {
		t.Fatal(err)
	}
	a := admin.New(admin.Options{Accounts: acc, Users: acc, Pages: pages, Content: st, Catalog: cat, Settings: st, BaseURL: "https://example.ma"})
	mux := http.NewServeMux()
	a.Routes(mux)
	ts := httptest.NewTLSServer(mux)
	t.Cleanup(ts.Close)
	client := ts.Client()
	client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	res, err := client.PostForm(ts.URL+"/newsroom/login", url.Values{"email": {"a@example.ma"}, "password": {"a long enough password"}})
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	var c *http.Cookie
	for _, k := range res.Cookies() {
		if strings.HasSuffix(k.Name, "midad_session") {
			c = k
		}
	}
	if c == nil || c.Name != "__Host-midad_session" || !c.Secure || c.Path != "/" || c.Domain != "" {
		t.Fatalf("session cookie over HTTPS: %+v", c)
	}
	req, _ := http.NewRequest("GET", ts.URL+"/newsroom/", nil)
	req.AddCookie(c)
	res, err = client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Errorf("the __Host- cookie does not open the newsroom: %d", res.StatusCode)
	}
}
