package pagecache

import (
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// page is a handler that counts its renders and can be held mid-render.
type page struct {
	renders atomic.Int64
	gate    chan struct{} // when set, renders wait for it
	body    string
}

func (p *page) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	n := p.renders.Add(1)
	if p.gate != nil {
		<-p.gate
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Write([]byte(p.body + strings.Repeat(" ", int(n))))
}

func get(h http.Handler, target string, hdr ...string) *httptest.ResponseRecorder {
	r := httptest.NewRequest("GET", target, nil)
	for i := 0; i+1 < len(hdr) && hdr[i] != ""; i += 2 {
		r.Header.Set(hdr[i], hdr[i+1])
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

// A spike on a cold page renders it once: the other requests wait.
func TestOneRenderForConcurrentMisses(t *testing.T) {
	var gen atomic.Uint64
	p := &page{gate: make(chan struct{}), body: strings.Repeat("<p>page</p>", 100)}
	c := New(Options{Generation: gen.Load, MaxBytes: 1 << 20, TTL: time.Hour})
	h := c.Handler(p)
	var wg sync.WaitGroup
	bodies := make([]string, 50)
	for i := range bodies {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// A third ask for brotli, a third for gzip: each made once.
			enc := []string{"", "br", "gzip"}[i%3]
			w := get(h, "/a", "Accept-Encoding", enc)
			if w.Header().Get("Content-Encoding") != enc {
				t.Errorf("asked %q, got %q", enc, w.Header().Get("Content-Encoding"))
			}
			bodies[i] = w.Body.String()
		}()
	}
	// Every request is waiting on the one render before it is let go.
	for c.Stats().Misses < uint64(len(bodies)) {
		time.Sleep(time.Millisecond)
	}
	close(p.gate)
	wg.Wait()
	if n := p.renders.Load(); n != 1 {
		t.Errorf("%d renders for %d concurrent misses, want 1", n, len(bodies))
	}
	for i, b := range bodies {
		if b != bodies[i%3] {
			t.Fatalf("answers differ: %q, %q", b, bodies[0])
		}
	}
}

// A request after a bump never gets the entry rendered before it.
func TestGenerationInvalidates(t *testing.T) {
	var gen atomic.Uint64
	p := &page{body: "x"}
	h := New(Options{Generation: gen.Load, MaxBytes: 1 << 20, TTL: time.Hour}).Handler(p)
	a, b := get(h, "/a").Body.String(), get(h, "/a").Body.String()
	if a != b || p.renders.Load() != 1 {
		t.Fatalf("second request rendered again (%d renders)", p.renders.Load())
	}
	gen.Add(1)
	if c := get(h, "/a").Body.String(); c == a || p.renders.Load() != 2 {
		t.Fatalf("after the bump: the old page (%d renders)", p.renders.Load())
	}
}

// An entry lives no longer than the TTL; the cache holds no more than its bytes.
func TestTTLAndBound(t *testing.T) {
	var gen atomic.Uint64
	now := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	p := &page{body: strings.Repeat("a", 5000)}
	c := New(Options{Generation: gen.Load, MaxBytes: 64 << 10, TTL: time.Minute, Now: func() time.Time { return now }})
	h := c.Handler(p)
	get(h, "/a")
	get(h, "/a")
	now = now.Add(time.Minute)
	get(h, "/a")
	if n := p.renders.Load(); n != 2 {
		t.Errorf("%d renders, want 2: one before and one after the TTL", n)
	}
	for i := range 40 {
		get(h, "/p"+strconv.Itoa(i))
	}
	if st := c.Stats(); st.Bytes > 64<<10 || st.Entries == 0 {
		t.Errorf("%d entries in %d bytes, bound 64 KiB", st.Entries, st.Bytes)
	}
}

// What is not the same for everyone is neither served from nor kept in the cache.
func TestBypass(t *testing.T) {
	var gen atomic.Uint64
	p := &page{body: "x"}
	h := New(Options{Generation: gen.Load, MaxBytes: 1 << 20, TTL: time.Hour}).Handler(p)
	for _, tc := range []struct{ target, k, v string }{
		{"/a?comment=held", "", ""},
		{"/a", "Cookie", "midad_session=abc"},
		{"/a", "Cookie", "theme=dark; __Host-midad_session=abc"},
		{"/newsroom/articles", "", ""},
		{"/a", "Range", "bytes=0-1"},
	} {
		get(h, tc.target, tc.k, tc.v)
		if w := get(h, tc.target, tc.k, tc.v); w.Header().Get("ETag") != "" {
			t.Errorf("%s %s: served from the cache", tc.target, tc.k)
		}
	}
	if n := p.renders.Load(); n != 10 {
		t.Errorf("%d renders, want 10", n)
	}
}

func TestNegotiate(t *testing.T) {
	for header, want := range map[string]string{
		"":                         "",
		"gzip, deflate, br, zstd":  "br",
		"gzip":                     "gzip",
		"br;q=0, gzip":             "gzip",
		"gzip;q=1, br;q=0.5":       "gzip",
		"*":                        "br",
		"identity":                 "",
		"gzip;q=0, br;q=0":         "",
		"deflate, *;q=0.1, br;q=0": "gzip",
	} {
		if got := negotiate(header); got != want {
			t.Errorf("negotiate(%q) = %q, want %q", header, got, want)
		}
	}
}

// The page is rendered as anyone would ask for it: a handler's own
// conditional answers and encodings never reach another reader, and an
// answer that varies by more than the encoding is not kept.
func TestRenderIsUnconditional(t *testing.T) {
	var gen atomic.Uint64
	var seen atomic.Value
	h := New(Options{Generation: gen.Load, MaxBytes: 1 << 20, TTL: time.Hour}).Handler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		seen.Store(r.Header.Get("If-None-Match") + "|" + r.Header.Get("Accept-Encoding"))
		if r.URL.Path == "/vary" {
			w.Header().Set("Vary", "Cookie")
		}
		if r.Header.Get("If-None-Match") != "" {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Write([]byte("page"))
	}))
	w := get(h, "/a", "If-None-Match", `"x"`)
	if w.Code != 200 || seen.Load() != "|" {
		t.Errorf("conditional miss: %d, the handler saw %q", w.Code, seen.Load())
	}
	get(h, "/vary")
	if w := get(h, "/vary"); w.Header().Get("ETag") != "" {
		t.Error("an answer that varies by cookie was kept")
	}
}

// Last-Modified moves only when the page does, and always forward: a
// client's If-Modified-Since never gets a 304 for a page that changed,
// even within the second of its copy.
func TestLastModified(t *testing.T) {
	var gen atomic.Uint64
	var body atomic.Value
	body.Store("<p>first</p>")
	now := time.Date(2026, 12, 2, 10, 0, 0, 200e6, time.UTC)
	h := New(Options{Generation: gen.Load, MaxBytes: 1 << 20, TTL: time.Hour, Now: func() time.Time { return now }}).
		Handler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Header().Set("Last-Modified", "Mon, 02 Jan 2006 15:04:05 GMT") // the handler's own is replaced
			w.Write([]byte(body.Load().(string)))
		}))
	first := get(h, "/a").Header().Get("Last-Modified")
	if first != "Wed, 02 Dec 2026 10:00:01 GMT" {
		t.Fatalf("Last-Modified %q, want the render's second rounded up", first)
	}
	if w := get(h, "/a", "If-Modified-Since", first); w.Code != http.StatusNotModified {
		t.Errorf("unchanged page: %d, want 304", w.Code)
	}
	gen.Add(1) // a write that leaves this page as it was
	now = now.Add(5 * time.Second)
	if w := get(h, "/a", "If-Modified-Since", first); w.Code != http.StatusNotModified || w.Header().Get("Last-Modified") != first {
		t.Errorf("same bytes after a write: %d, Last-Modified %q; want 304 and %q", w.Code, w.Header().Get("Last-Modified"), first)
	}
	gen.Add(1) // the page changes, within the same second as the last render
	body.Store("<p>second</p>")
	w := get(h, "/a", "If-Modified-Since", first)
	if w.Code != http.StatusOK || w.Body.String() != "<p>second</p>" {
		t.Fatalf("changed page: %d %q, want 200 and the new page", w.Code, w.Body.String())
	}
	second, _ := http.ParseTime(w.Header().Get("Last-Modified"))
	if was, _ := http.ParseTime(first); !second.After(was) {
		t.Errorf("Last-Modified went from %s to %s, want later", first, w.Header().Get("Last-Modified"))
	}
	// If-None-Match decides alone when it is sent.
	if w := get(h, "/a", "If-None-Match", `"nope"`, "If-Modified-Since", w.Header().Get("Last-Modified")); w.Code != http.StatusOK {
		t.Errorf("If-None-Match that does not match, with a current If-Modified-Since: %d, want 200", w.Code)
	}
}
