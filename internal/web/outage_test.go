package web_test

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"

	"github.com/midad/midad/internal/discussion"
	"github.com/midad/midad/internal/i18n"
	"github.com/midad/midad/internal/search"
	"github.com/midad/midad/internal/store"
	"github.com/midad/midad/internal/web"
	"github.com/midad/midad/internal/web/site"
	"github.com/midad/midad/internal/web/view"
)

// pgProxy stands between Midad and PostgreSQL on loopback, so that a test
// can stall the database (bytes stop flowing, connections stay open) or
// cut it (every connection closed, new ones refused).
type pgProxy struct {
	ln     net.Listener
	target string

	mu      sync.Mutex
	conns   []net.Conn
	cut     bool
	resumed chan struct{} // closed while traffic flows
}

func newPGProxy(t *testing.T, target string) *pgProxy {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &pgProxy{ln: ln, target: target, resumed: make(chan struct{})}
	close(p.resumed)
	go p.serve()
	t.Cleanup(func() { ln.Close(); p.closeAll() })
	return p
}

func (p *pgProxy) serve() {
	for {
		c, err := p.ln.Accept()
		if err != nil {
			return
		}
		go p.handle(c)
	}
}

func (p *pgProxy) handle(c net.Conn) {
	p.mu.Lock()
	if p.cut {
		p.mu.Unlock()
		c.Close()
		return
	}
	p.conns = append(p.conns, c)
	p.mu.Unlock()
	p.wait()
	up, err := net.Dial("tcp", p.target)
	if err != nil {
		c.Close()
		return
	}
	p.mu.Lock()
	p.conns = append(p.conns, up)
	p.mu.Unlock()
	go p.pipe(up, c)
	p.pipe(c, up)
}

// pipe copies from src to dst, holding each chunk while the proxy stalls.
func (p *pgProxy) pipe(dst, src net.Conn) {
	defer dst.Close()
	defer src.Close()
	buf := make([]byte, 32<<10)
	for {
		n, err := src.Read(buf)
		if n > 0 {
			p.wait()
			if _, werr := dst.Write(buf[:n]); werr != nil {
				return
			}
		}
		if err != nil {
			return
		}
	}
}

func (p *pgProxy) wait() {
	p.mu.Lock()
	ch := p.resumed
	p.mu.Unlock()
	<-ch
}

func (p *pgProxy) stall() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.resumed = make(chan struct{})
}

func (p *pgProxy) closeAll() {
	p.mu.Lock()
	conns := p.conns
	p.conns = nil
	p.mu.Unlock()
	for _, c := range conns {
		c.Close()
	}
}

// cutOff closes every connection and refuses new ones until restore.
func (p *pgProxy) cutOff() {
	p.mu.Lock()
	p.cut = true
	p.mu.Unlock()
	p.closeAll()
}

func (p *pgProxy) restore() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.cut = false
	select {
	case <-p.resumed:
	default:
		close(p.resumed)
	}
}

// outageDB makes a database of the test's own on the local PostgreSQL
// server, dropped when the test ends; it returns an admin connection to
// it and its DSN with the host replaced by addr.
func outageDB(t *testing.T) (admin *sql.DB, dsn, name string, target string) {
	t.Helper()
	if os.Getenv("MIDAD_NO_POSTGRES") == "1" {
		t.Skip("MIDAD_NO_POSTGRES=1: PostgreSQL left out")
	}
	base := os.Getenv("MIDAD_TEST_POSTGRES")
	if base == "" {
		base = "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"
	}
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { admin.Close() })
	b := make([]byte, 6)
	rand.Read(b)
	name = "midad_outage_" + hex.EncodeToString(b)
	if _, err := admin.Exec(`CREATE DATABASE ` + name); err != nil {
		t.Fatalf("PostgreSQL (MIDAD_TEST_POSTGRES; MIDAD_NO_POSTGRES=1 leaves it out): %v", err)
	}
	t.Cleanup(func() {
		if _, err := admin.Exec(`DROP DATABASE IF EXISTS ` + name + ` WITH (FORCE)`); err != nil {
			t.Errorf("drop database: %v", err)
		}
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	target = u.Host
	u.Path = "/" + name
	return admin, u.String(), name, target
}

// outageServer serves the reader site from PostgreSQL through dsn, with
// a short request deadline and no page cache (so every page asks the
// database).
func outageServer(t *testing.T, dsn string, timeout time.Duration) (*httptest.Server, *store.Store) {
	t.Helper()
	st, err := store.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	cat := i18n.NewCatalog()
	v, err := view.New(cat)
	if err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(t.Output(), nil))
	s := site.New(site.Options{Content: st, Comments: discussion.New(st, log, nil), Search: search.New(st), View: v,
		Catalog: cat, Addresses: st, Log: log, Sitemaps: st})
	ts := httptest.NewServer(web.Handler(web.Options{Site: s, DB: st, Log: log, RequestTimeout: timeout}))
	t.Cleanup(ts.Close)
	return ts, st
}

type answer struct {
	status     int
	retryAfter string
	body       string
	took       time.Duration
}

func fetch(t *testing.T, c *http.Client, u string) answer {
	t.Helper()
	start := time.Now()
	res, err := c.Get(u)
	if err != nil {
		t.Fatalf("GET %s: %v (after %v)", u, err, time.Since(start))
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return answer{res.StatusCode, res.Header.Get("Retry-After"), string(b), time.Since(start)}
}

// waitOK asks until the site answers 200 again, a bounded number of times.
func waitOK(t *testing.T, c *http.Client, u, after string) {
	t.Helper()
	for i := range 20 {
		a := fetch(t, c, u)
		if a.status == http.StatusOK {
			t.Logf("%s: 200 again at attempt %d", after, i+1)
			return
		}
		if a.status != http.StatusServiceUnavailable {
			t.Fatalf("%s: status %d, want 200 or 503", after, a.status)
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("%s: the site did not come back", after)
}

func unavailablePage(t *testing.T, what string, a answer) {
	t.Helper()
	if a.status != http.StatusServiceUnavailable {
		t.Fatalf("%s: status %d, want 503", what, a.status)
	}
	if a.retryAfter == "" {
		t.Errorf("%s: no Retry-After", what)
	}
	arabicPage(t, a.body)
	if !strings.Contains(a.body, "غير متاح مؤقتاً") {
		t.Errorf("%s: the page does not say the site is unavailable for now", what)
	}
	t.Logf("%s: 503 in %v", what, a.took.Round(time.Millisecond))
}

// TestPostgresOutage: a database that stops answering, or whose
// connections are cut, gets readers an Arabic 503 with Retry-After
// within the request deadline, never a 500 or a hang; once it is back,
// pages are served again.
func TestPostgresOutage(t *testing.T) {
	admin, dsn, name, target := outageDB(t)
	proxy := newPGProxy(t, target)
	u, _ := url.Parse(dsn)
	u.Host = proxy.ln.Addr().String()
	const timeout = 2 * time.Second
	ts, _ := outageServer(t, u.String(), timeout)
	// The client's own bound is far beyond the deadline: a hang is a
	// failure, not a slow pass.
	c := &http.Client{Timeout: 30 * timeout}
	page := ts.URL + "/"

	if a := fetch(t, c, page); a.status != http.StatusOK {
		t.Fatalf("before: status %d", a.status)
	}

	// The server ends every backend of the database.
	if _, err := admin.Exec(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1`, name); err != nil {
		t.Fatal(err)
	}
	if a := fetch(t, c, page); a.status != http.StatusOK && a.status != http.StatusServiceUnavailable {
		t.Fatalf("after pg_terminate_backend: status %d, want 200 or 503", a.status)
	}
	waitOK(t, c, page, "after pg_terminate_backend")

	// Bytes stop flowing: queries wait on open connections.
	proxy.stall()
	unavailablePage(t, "stalled", fetch(t, c, page))
	unavailablePage(t, "stalled, again", fetch(t, c, page))
	proxy.restore()
	waitOK(t, c, page, "after the stall")

	// Connections are closed and new ones refused.
	proxy.cutOff()
	unavailablePage(t, "cut", fetch(t, c, page))
	unavailablePage(t, "cut, again", fetch(t, c, page))
	proxy.restore()
	waitOK(t, c, page, "after the cut")
}
