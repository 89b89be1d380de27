// Package sitemap writes the sitemaps.org formats (a sitemap index, and URL
// sets with Google's image and news extensions) one entry at a time, so
// that a sitemap of any length streams from the database to the reader
// without being held in memory. It knows nothing of articles or HTTP.
package sitemap

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"time"
)

// The namespaces of the sitemaps.org protocol 0.9 and of Google's image and
// news extensions.
const (
	NS      = "http://www.sitemaps.org/schemas/sitemap/0.9"
	ImageNS = "http://www.google.com/schemas/sitemap-image/1.1"
	NewsNS  = "http://www.google.com/schemas/sitemap-news/0.9"
)

// The protocol's limits on one file, sitemap or index: 50,000 entries and
// 50 MiB (52,428,800 bytes) uncompressed. Google News reads at most 1,000
// news:news entries from a news sitemap.
const (
	MaxURLs  = 50_000
	MaxBytes = 50 << 20
	MaxNews  = 1_000
)

// ErrFull is returned by Writer.URL and Writer.Sitemap for an entry that
// would take the file past its limits; nothing of that entry is written.
var ErrFull = errors.New("sitemap: file full")

// Limits bound one file. Tests use small ones to see files split.
type Limits struct {
	URLs  int   // entries a file may hold
	Bytes int64 // bytes a file may take, uncompressed
}

// DefaultLimits are the protocol's.
var DefaultLimits = Limits{URLs: MaxURLs, Bytes: MaxBytes}

// orDefault fills zero fields with the protocol's limits.
func (l Limits) orDefault() Limits {
	if l.URLs <= 0 {
		l.URLs = MaxURLs
	}
	if l.Bytes <= 0 {
		l.Bytes = MaxBytes
	}
	return l
}

// PerFile is how many entries of at most entryBytes bytes each fit in one
// URL set within l, at least one.
func (l Limits) PerFile(entryBytes int) int {
	l = l.orDefault()
	room := l.Bytes - int64(len(urlsetHeader(true, false))+len(urlsetFooter))
	n := int64(l.URLs)
	if entryBytes > 0 && room/int64(entryBytes) < n {
		n = room / int64(entryBytes)
	}
	return int(max(n, 1))
}

// Parts is how many files n entries take at perFile entries a file.
func Parts(n, perFile int) int {
	if n <= 0 || perFile <= 0 {
		return 0
	}
	return (n + perFile - 1) / perFile
}

// URL is one entry of a URL set.
type URL struct {
	Loc     string    // absolute, already percent-encoded
	LastMod time.Time // zero: left out
	Images  []string  // absolute addresses of the page's images
	News    *News     // Google News metadata, in a news sitemap
}

// News is the news:news element of an article in a news sitemap.
type News struct {
	Publication string // the newspaper's name as it appears in Google News
	Language    string // ISO 639 code: ar, fr
	Published   time.Time
	Title       string
}

// DateTimeLen is the length of a W3C datetime with seconds and a zone
// offset, the longest form Time writes.
const DateTimeLen = len("2006-01-02T15:04:05+01:00")

// Time formats t as a W3C datetime with its zone ("2026-11-29T10:00:00+01:00",
// "Z" for UTC), as the protocol and Google News ask.
func Time(t time.Time) string { return t.Format(time.RFC3339) }

// EscapedLen is the length of s once escaped as XML text.
func EscapedLen(s string) int {
	var c countWriter
	xml.EscapeText(&c, []byte(s))
	return int(c)
}

type countWriter int

func (c *countWriter) Write(p []byte) (int, error) { *c += countWriter(len(p)); return len(p), nil }

// URLBound is the most bytes a <url> entry takes whose escaped loc is at
// most locBytes long, with at most images images of at most imageBytes
// each (escaped), and no news element. Callers plan files with it.
func URLBound(locBytes, images, imageBytes int) int {
	n := len("<url><loc></loc><lastmod></lastmod></url>\n") + locBytes + DateTimeLen
	n += images * (len("<image:image><image:loc></image:loc></image:image>") + imageBytes)
	return n
}

// Writer writes one sitemap file. Entries go through a buffer that is
// flushed as it fills: the file is never held whole.
type Writer struct {
	w      *bufio.Writer
	entry  bytes.Buffer // the entry being written, measured before it goes out
	limits Limits
	footer string
	n      int
	size   int64
	err    error
}

func urlsetHeader(images, news bool) string {
	h := xml.Header + `<urlset xmlns="` + NS + `"`
	if images {
		h += ` xmlns:image="` + ImageNS + `"`
	}
	if news {
		h += ` xmlns:news="` + NewsNS + `"`
	}
	return h + ">\n"
}

const (
	urlsetFooter = "</urlset>\n"
	indexFooter  = "</sitemapindex>\n"
)

// NewURLSet starts a URL set on w, declaring the image and news namespaces
// when asked.
func NewURLSet(w io.Writer, l Limits, images, news bool) *Writer {
	return newWriter(w, l, urlsetHeader(images, news), urlsetFooter)
}

// NewIndex starts a sitemap index on w.
func NewIndex(w io.Writer, l Limits) *Writer {
	return newWriter(w, l, xml.Header+`<sitemapindex xmlns="`+NS+`">`+"\n", indexFooter)
}

func newWriter(w io.Writer, l Limits, header, footer string) *Writer {
	sw := &Writer{w: bufio.NewWriterSize(w, 32<<10), limits: l.orDefault(), footer: footer}
	_, sw.err = sw.w.WriteString(header)
	sw.size = int64(len(header))
	return sw
}

// Len is how many entries have been written.
func (sw *Writer) Len() int { return sw.n }

// Size is how many bytes the file takes so far, footer not counted.
func (sw *Writer) Size() int64 { return sw.size }

// URL writes one <url> entry.
func (sw *Writer) URL(u URL) error {
	b := &sw.entry
	b.Reset()
	b.WriteString("<url><loc>")
	escape(b, u.Loc)
	b.WriteString("</loc>")
	if !u.LastMod.IsZero() {
		b.WriteString("<lastmod>" + Time(u.LastMod) + "</lastmod>")
	}
	for _, im := range u.Images {
		b.WriteString("<image:image><image:loc>")
		escape(b, im)
		b.WriteString("</image:loc></image:image>")
	}
	if n := u.News; n != nil {
		b.WriteString("<news:news><news:publication><news:name>")
		escape(b, n.Publication)
		b.WriteString("</news:name><news:language>")
		escape(b, n.Language)
		b.WriteString("</news:language></news:publication><news:publication_date>" + Time(n.Published) +
			"</news:publication_date><news:title>")
		escape(b, n.Title)
		b.WriteString("</news:title></news:news>")
	}
	b.WriteString("</url>\n")
	return sw.put()
}

// Sitemap writes one <sitemap> entry of an index.
func (sw *Writer) Sitemap(loc string, lastmod time.Time) error {
	b := &sw.entry
	b.Reset()
	b.WriteString("<sitemap><loc>")
	escape(b, loc)
	b.WriteString("</loc>")
	if !lastmod.IsZero() {
		b.WriteString("<lastmod>" + Time(lastmod) + "</lastmod>")
	}
	b.WriteString("</sitemap>\n")
	return sw.put()
}

// put writes the entry in sw.entry if the file has room for it and its
// footer.
func (sw *Writer) put() error {
	if sw.err != nil {
		return sw.err
	}
	size := sw.size + int64(sw.entry.Len())
	if sw.n+1 > sw.limits.URLs || size+int64(len(sw.footer)) > sw.limits.Bytes {
		return ErrFull
	}
	if _, err := sw.w.Write(sw.entry.Bytes()); err != nil {
		sw.err = err
		return err
	}
	sw.n++
	sw.size = size
	return nil
}

// Close ends the file and flushes what is buffered.
func (sw *Writer) Close() error {
	if sw.err != nil {
		return sw.err
	}
	if _, err := sw.w.WriteString(sw.footer); err != nil {
		return err
	}
	sw.size += int64(len(sw.footer))
	return sw.w.Flush()
}

// escape writes s as XML character data. Characters XML cannot hold (NUL
// and other C0 controls, lone surrogates) come out as U+FFFD; everything
// else, bidi controls and emoji included, stays as it is.
func escape(b *bytes.Buffer, s string) { xml.EscapeText(b, []byte(s)) }
