package web_test

import (
	"context"
	"database/sql"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	_ "github.com/ncruces/go-sqlite3/driver"

	"github.com/midad/midad/internal/i18n"
	"github.com/midad/midad/internal/store"
	"github.com/midad/midad/internal/web"
	"github.com/midad/midad/internal/web/site"
	"github.com/midad/midad/internal/web/view"
)

// TestReady: /readyz answers 200 while the database answers with its
// schema up to date, and 503 once the server is draining or when the
// schema is behind what the binary needs.
func TestReady(t *testing.T) {
	path := t.TempDir() + "/midad.db"
	st, err := store.Open(context.Background(), "sqlite:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	cat := i18n.NewCatalog()
	v, err := view.New(cat)
	if err != nil {
		t.Fatal(err)
	}
	s := site.New(site.Options{Content: st, View: v, Catalog: cat, Addresses: st, Log: slog.New(slog.DiscardHandler), Sitemaps: st})
	draining := new(web.Draining)
	ts := httptest.NewServer(web.Handler(web.Options{Site: s, DB: st, Ready: st, Draining: draining, Log: slog.New(slog.DiscardHandler)}))
	defer ts.Close()
	get := func(p string) (int, string) {
		t.Helper()
		res, err := http.Get(ts.URL + p)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res.StatusCode, string(b)
	}
	if code, body := get("/readyz"); code != 200 || body != "ok\n" {
		t.Fatalf("readyz: %d %q", code, body)
	}

	// Another process rolls the schema back by one migration.
	db, err := sql.Open("sqlite3", "file:"+path+"?_pragma=busy_timeout(5000)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var last int
	if err := db.QueryRow(`SELECT MAX(version) FROM schema_migrations`).Scan(&last); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`DELETE FROM schema_migrations WHERE version = ?`, last); err != nil {
		t.Fatal(err)
	}
	if code, _ := get("/readyz"); code != http.StatusServiceUnavailable {
		t.Errorf("readyz with migration %d not applied: %d, want 503", last, code)
	}
	if code, _ := get("/healthz"); code != 200 {
		t.Errorf("healthz with the schema behind: %d, want 200 (alive)", code)
	}
	if _, err := db.Exec(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, 'back', 0)`, last); err != nil {
		t.Fatal(err)
	}
	if code, _ := get("/readyz"); code != 200 {
		t.Errorf("readyz with the schema back: %d", code)
	}

	draining.Store(true)
	if code, body := get("/readyz"); code != http.StatusServiceUnavailable || body != "shutting down\n" {
		t.Errorf("readyz while draining: %d %q", code, body)
	}
	if code, _ := get("/healthz"); code != 200 {
		t.Errorf("healthz while draining: %d, want 200", code)
	}
}
