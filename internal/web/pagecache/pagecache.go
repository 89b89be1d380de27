// Package pagecache keeps rendered reader pages in memory and serves them
// without touching the database, compressed once, with ETags, and never
// stale.
//
// Exactness comes from a content generation: a number the store bumps
// after every committed write and before the write is acknowledged. An
// entry is tagged with the generation read when its render began, and a
// request is only answered from an entry of the generation it read when it
// arrived; so a request that starts after an acknowledged write never gets
// a page rendered before it. What changes with time alone (the masthead's
// date, the breaking banner's 24 hours, comments closing after N days) is
// bounded by a TTL instead.
package pagecache

import (
	"bytes"
	"container/list"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Options configure a Cache.
type Options struct {
	// Generation is the content's current generation; it must change
	// after every write that could change a page, before the write is
	// acknowledged.
	Generation func() uint64
	// MaxBytes bounds what the entries hold (bodies in every encoding).
	MaxBytes int64
	// TTL bounds an entry's life, for what changes with time alone.
	TTL time.Duration
	// Bypass reports requests that must not be served from or stored in
	// the cache (the newsroom, signed-in users); nil uses Private.
	Bypass func(*http.Request) bool
	Now    func() time.Time
}

// Cache is the page cache; its Handler wraps the routes it caches.
type Cache struct {
	o Options

	mu      sync.Mutex
	entries map[string]*entry
	lru     *list.List // of *entry, most recently used first
	size    int64
	flights map[flightKey]*flight

	hits, misses, renders uint64
}

type entry struct {
	key     string
	gen     uint64
	expires time.Time
	header  http.Header // what the handler set: type, CSP, surrogate keys…
	tag     string      // the body's hash, the ETag's stem
	// modified is the page's Last-Modified: when these bytes were first
	// rendered (to the next second), kept while a new render gives the
	// same bytes, and always later than the last different page's, so
	// that If-Modified-Since never answers 304 to an older page.
	modified time.Time
	etag     [3]string // plain, gzip, br
	length   string    // of plain
	plain    []byte
	elem     *list.Element

	// compress: worth compressing; each encoding is made once, by the
	// first request that asks for it, and counted in extra.
	compress       bool
	gzOnce, brOnce sync.Once
	gz, br         []byte
	extra          int64 // bytes of gz and br, under Cache.mu
}

func (e *entry) size() int64 { return int64(len(e.plain)+len(e.key)) + e.extra + 512 }

type flightKey struct {
	key string
	gen uint64
}

// flight is one render that concurrent misses for a key wait for.
type flight struct {
	done chan struct{}
	e    *entry    // the page, when it could be kept
	resp *recorder // otherwise the answer, for waiters who may share it
}

// New returns a cache.
func New(o Options) *Cache {
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Bypass == nil {
		o.Bypass = Private
	}
	return &Cache{o: o, entries: map[string]*entry{}, lru: list.New(), flights: map[flightKey]*flight{}}
}

// sessionCookies are the newsroom's session cookie's names (internal/web/
// admin): plain, and with the __Host- prefix over HTTPS.
var sessionCookies = []string{"midad_session", "__Host-midad_session"}

// Private reports the requests whose answer is not the same for every
// reader: the newsroom's pages, signed-in users, a reader's comment notice,
// partial and conditional-on-date requests.
func Private(r *http.Request) bool {
	p := r.URL.Path
	if p == "/newsroom" || strings.HasPrefix(p, "/newsroom/") || p == "/healthz" || strings.HasPrefix(p, "/debug/") {
		return true
	}
	if r.Header.Get("Authorization") != "" || r.Header.Get("Range") != "" {
		return true
	}
	if c := r.Header.Get("Cookie"); c != "" && strings.Contains(c, "midad_session") {
		for _, name := range sessionCookies {
			if _, err := r.Cookie(name); err == nil {
				return true
			}
		}
	}
	// ?comment=held is the answer to one reader's post.
	return r.URL.RawQuery != "" && strings.Contains(r.URL.RawQuery, "comment") && r.URL.Query().Has("comment")
}

// Stats are the cache's counters.
type Stats struct {
	Entries               int
	Bytes                 int64
	Hits, Misses, Renders uint64
}

// Stats returns the counters.
func (c *Cache) Stats() Stats {
	c.mu.Lock()
	defer c.mu.Unlock()
	return Stats{Entries: len(c.entries), Bytes: c.size, Hits: c.hits, Misses: c.misses, Renders: c.renders}
}

// Purge forgets every entry (a lost connection to the other nodes, say).
func (c *Cache) Purge() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.entries = map[string]*entry{}
	c.lru.Init()
	c.size = 0
}

// key names a request's page: scheme, host (pages hold absolute links to
// the host they were asked for) and target.
func key(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host + r.URL.RequestURI()
}

// Handler serves GET and HEAD requests for next from the cache.
func (c *Cache) Handler(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if (r.Method != http.MethodGet && r.Method != http.MethodHead) || c.o.MaxBytes <= 0 || c.o.Bypass(r) {
			next.ServeHTTP(w, r)
			return
		}
		// The generation is read before anything else: an entry of this
		// generation began rendering after every write acknowledged so far.
		gen := c.o.Generation()
		k := key(r)
		if e := c.lookup(k, gen); e != nil {
			c.serve(w, r, e)
			return
		}
		if r.Method == http.MethodHead {
			next.ServeHTTP(w, r)
			return
		}
		fk := flightKey{k, gen}
		c.mu.Lock()
		c.misses++
		f, waiting := c.flights[fk]
		if !waiting {
			f = &flight{done: make(chan struct{})}
			c.flights[fk] = f
			c.renders++
		}
		c.mu.Unlock()
		if waiting {
			select {
			case <-f.done:
			case <-r.Context().Done():
				return
			}
		} else {
			c.render(next, r, k, gen, f)
		}
		switch {
		case f.e != nil:
			c.serve(w, r, f.e)
		case f.resp != nil && (!waiting || f.resp.shareable()):
			f.resp.replay(w)
		default:
			next.ServeHTTP(w, r)
		}
	})
}

// lookup returns the entry for key rendered at gen, if it is still fresh.
func (c *Cache) lookup(k string, gen uint64) *entry {
	c.mu.Lock()
	defer c.mu.Unlock()
	e := c.entries[k]
	if e == nil || e.gen != gen || !c.o.Now().Before(e.expires) {
		return nil
	}
	c.hits++
	c.lru.MoveToFront(e.elem)
	return e
}

// render runs next for the flight's leader and keeps what may be kept.
func (c *Cache) render(next http.Handler, r *http.Request, k string, gen uint64, f *flight) {
	start := c.o.Now()
	rec := newRecorder()
	defer func() {
		c.mu.Lock()
		delete(c.flights, flightKey{k, gen})
		c.mu.Unlock()
		close(f.done)
	}()
	// A leader whose reader leaves still finishes the page for the others,
	// and the page is asked for as anyone would: whole, uncompressed,
	// unconditional; the cache answers those headers itself.
	r = r.Clone(context.WithoutCancel(r.Context()))
	for _, h := range []string{"If-None-Match", "If-Modified-Since", "If-Match", "If-Unmodified-Since", "Accept-Encoding"} {
		r.Header.Del(h)
	}
	next.ServeHTTP(rec, r)
	f.resp = rec
	if !rec.keepable() || int64(rec.body.Len()) > c.o.MaxBytes/8 {
		return
	}
	e := newEntry(k, gen, start.Add(c.o.TTL), rec)
	e.modified = start.Truncate(time.Second).Add(time.Second)
	f.e = e
	c.store(e)
}

func (c *Cache) store(e *entry) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if old := c.entries[e.key]; old != nil {
		if old.gen > e.gen {
			return // a newer page is there already
		}
		if old.tag == e.tag {
			e.modified = old.modified
		} else if !e.modified.After(old.modified) {
			e.modified = old.modified.Add(time.Second)
		}
		c.remove(old)
	}
	e.elem = c.lru.PushFront(e)
	c.entries[e.key] = e
	c.size += e.size()
	for c.size > c.o.MaxBytes && c.lru.Len() > 0 {
		c.remove(c.lru.Back().Value.(*entry))
	}
}

// grow counts an entry's new encoding, if the entry is still kept.
func (c *Cache) grow(e *entry, n int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.entries[e.key] != e {
		return
	}
	e.extra += int64(n)
	c.size += int64(n)
	for c.size > c.o.MaxBytes && c.lru.Len() > 1 {
		c.remove(c.lru.Back().Value.(*entry))
	}
}

func (c *Cache) remove(e *entry) {
	c.lru.Remove(e.elem)
	delete(c.entries, e.key)
	c.size -= e.size()
}

// DefaultCacheControl is what browsers and CDNs are told about a page
// whose handler said nothing: browsers ask again each time (the ETag makes
// that a 304), so a reader sees the comment they just posted; a CDN keeps
// the page 30 seconds, serving it stale while it revalidates or when
// Midad cannot answer. A CDN that is sent purges by Surrogate-Key may be
// given a longer s-maxage.
const DefaultCacheControl = "public, max-age=0, must-revalidate, s-maxage=30, stale-while-revalidate=30, stale-if-error=86400"

func newEntry(k string, gen uint64, expires time.Time, rec *recorder) *entry {
	body := bytes.Clone(rec.body.Bytes())
	sum := sha256.Sum256(body)
	e := &entry{key: k, gen: gen, expires: expires, header: rec.h, tag: hex.EncodeToString(sum[:12]), plain: body}
	e.etag = [3]string{`"` + e.tag + `"`, `"` + e.tag + `-gzip"`, `"` + e.tag + `-br"`}
	e.length = strconv.Itoa(len(body))
	if e.header.Get("Cache-Control") == "" {
		e.header.Set("Cache-Control", DefaultCacheControl)
	}
	e.header.Del("Content-Length")
	e.header.Del("ETag")
	e.header.Del("Last-Modified")
	e.header.Del("Vary")
	if compressible(e.header.Get("Content-Type")) && len(body) >= 512 {
		e.compress = true
		e.header.Add("Vary", "Accept-Encoding")
	}
	return e
}

// serve writes an entry in the encoding the request accepts, or 304.
func (c *Cache) serve(w http.ResponseWriter, r *http.Request, e *entry) {
	body, enc, etag, length := e.plain, "", e.etag[0], e.length
	if e.compress {
		switch negotiate(r.Header.Get("Accept-Encoding")) {
		case "br":
			e.brOnce.Do(func() { e.br = brotliBytes(e.plain); c.grow(e, len(e.br)) })
			body, enc, etag, length = e.br, "br", e.etag[2], ""
		case "gzip":
			e.gzOnce.Do(func() { e.gz = gzipBytes(e.plain); c.grow(e, len(e.gz)) })
			body, enc, etag, length = e.gz, "gzip", e.etag[1], ""
		}
	}
	h := w.Header()
	for name, v := range e.header {
		h[name] = v
	}
	if enc != "" {
		h.Set("Content-Encoding", enc)
		length = strconv.Itoa(len(body))
	}
	h.Set("ETag", etag)
	h.Set("Last-Modified", e.modified.UTC().Format(http.TimeFormat))
	if match(r.Header.Get("If-None-Match"), etag) || notModifiedSince(r, e.modified) {
		h.Del("Content-Type")
		h.Del("Content-Encoding")
		w.WriteHeader(http.StatusNotModified)
		return
	}
	h.Set("Content-Length", length)
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}

// match reports whether an If-None-Match list names etag (weak
// comparison, as RFC 9110 asks for If-None-Match).
func match(list, etag string) bool {
	if list == "" {
		return false
	}
	for t := range strings.SplitSeq(list, ",") {
		t = strings.TrimPrefix(strings.TrimSpace(t), "W/")
		if t == "*" || t == etag {
			return true
		}
	}
	return false
}

func compressible(ct string) bool {
	ct, _, _ = strings.Cut(ct, ";")
	ct = strings.TrimSpace(strings.ToLower(ct))
	return strings.HasPrefix(ct, "text/") || strings.HasSuffix(ct, "json") || strings.HasSuffix(ct, "xml") ||
		ct == "application/javascript" || ct == "image/svg+xml" || ct == "application/manifest+json"
}

// recorder holds a response until it is complete.
type recorder struct {
	h      http.Header
	status int
	body   bytes.Buffer
}

func newRecorder() *recorder { return &recorder{h: http.Header{}} }

func (r *recorder) Header() http.Header { return r.h }

func (r *recorder) WriteHeader(code int) {
	if r.status == 0 {
		r.status = code
	}
}

func (r *recorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	return r.body.Write(b)
}

// keepable reports whether the answer is the same for every reader until
// the content changes: a whole 200 the handler did not mark private.
func (r *recorder) keepable() bool {
	if r.status != http.StatusOK && r.status != 0 || r.h.Get("Set-Cookie") != "" || r.h.Get("Content-Encoding") != "" {
		return false
	}
	for _, v := range r.h.Values("Vary") {
		for f := range strings.SplitSeq(v, ",") {
			if f = strings.TrimSpace(f); f != "" && !strings.EqualFold(f, "Accept-Encoding") {
				return false // the answer depends on more than the URL
			}
		}
	}
	cc := strings.ToLower(r.h.Get("Cache-Control"))
	return !strings.Contains(cc, "no-store") && !strings.Contains(cc, "private") && !strings.Contains(cc, "no-cache")
}

// shareable reports whether a waiter may be given the leader's answer
// that was not kept (a 404, say): not when it set a cookie.
func (r *recorder) shareable() bool {
	return r.h.Get("Set-Cookie") == "" && !strings.Contains(strings.ToLower(r.h.Get("Cache-Control")), "private")
}

func (r *recorder) replay(w http.ResponseWriter) {
	h := w.Header()
	for name, v := range r.h {
		h[name] = v
	}
	status := r.status
	if status == 0 {
		status = http.StatusOK
	}
	w.WriteHeader(status)
	w.Write(r.body.Bytes())
}

// notModifiedSince applies If-Modified-Since, which RFC 9110 reads only
// when the request has no If-None-Match.
func notModifiedSince(r *http.Request, modified time.Time) bool {
	if r.Header.Get("If-None-Match") != "" {
		return false
	}
	since, err := http.ParseTime(r.Header.Get("If-Modified-Since"))
	return err == nil && !modified.After(since)
}
