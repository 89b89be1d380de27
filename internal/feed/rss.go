package feed

import (
	"io"
	"strconv"
	"strings"
	"time"
)

// RSS namespaces: Atom for the self link and update times, content for the
// full text, Dublin Core for authors (RSS's own author element wants an
// email, which a feed never shows) and Media RSS for images.
const (
	nsAtom    = "http://www.w3.org/2005/Atom"
	nsContent = "http://purl.org/rss/1.0/modules/content/"
	nsDC      = "http://purl.org/dc/elements/1.1/"
	nsMedia   = "http://search.yahoo.com/mrss/"
)

// htmlText escapes plain text for HTML's character data.
var htmlText = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")

// rssDate is RSS's RFC 822 date, with a four-digit year and a numeric zone.
func rssDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.RFC1123Z)
}

// WriteRSS writes f as RSS 2.0, entry by entry.
func WriteRSS(w io.Writer, f *Feed) error {
	if err := f.Validate(); err != nil {
		return err
	}
	x := newXMLWriter(w)
	x.raw(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	x.raw(`<rss version="2.0" xmlns:atom="` + nsAtom + `" xmlns:content="` + nsContent +
		`" xmlns:dc="` + nsDC + `" xmlns:media="` + nsMedia + `">` + "\n<channel>\n")
	x.elem("title", f.Title)
	x.elem("link", f.Link)
	// RSS requires a description; the title stands in for a missing one.
	desc := f.Description
	if desc == "" {
		desc = f.Title
	}
	x.elem("description", desc)
	x.elem("language", f.Language)
	x.elem("lastBuildDate", rssDate(f.updated()))
	x.elem("generator", f.Generator)
	x.atomLink("self", "application/rss+xml", f.Self)
	x.atomLink("next", "application/rss+xml", f.Next)
	x.atomLink("previous", "application/rss+xml", f.Prev)
	if f.Logo != nil {
		x.raw("<image>\n")
		x.elem("url", f.Logo.URL)
		x.elem("title", f.Title)
		x.elem("link", f.Link)
		// RSS allows images up to 144×400 pixels; a larger logo is given
		// without its size, which readers then scale.
		if f.Logo.Width > 0 && f.Logo.Width <= 144 && f.Logo.Height > 0 && f.Logo.Height <= 400 {
			x.elem("width", strconv.Itoa(f.Logo.Width))
			x.elem("height", strconv.Itoa(f.Logo.Height))
		}
		x.raw("</image>\n")
	}
	for i := range f.Entries {
		x.rssItem(&f.Entries[i])
	}
	x.raw("</channel>\n</rss>\n")
	return x.flush()
}

func (x *xmlWriter) atomLink(rel, typ, href string) {
	if href == "" {
		return
	}
	x.raw(`<atom:link`)
	x.attr("rel", rel)
	x.attr("type", typ)
	x.attr("href", href)
	x.raw("/>\n")
}

func (x *xmlWriter) rssItem(e *Entry) {
	x.raw("<item>\n")
	x.elem("title", e.Title)
	x.elem("link", e.Link)
	x.raw(`<guid isPermaLink="true">`)
	x.text(e.ID)
	x.raw("</guid>\n")
	x.elem("pubDate", rssDate(e.Published))
	x.elem("atom:updated", rfc3339(e.Updated))
	for _, a := range e.Authors {
		x.elem("dc:creator", a.Name)
	}
	for _, c := range e.Categories {
		x.raw("<category")
		x.attr("domain", c.Scheme)
		x.raw(">")
		x.text(c.Name)
		x.raw("</category>\n")
	}
	// RSS's description is HTML: the plain summary is escaped once as HTML,
	// then as XML.
	x.elem("description", htmlText.Replace(e.Summary))
	x.elem("content:encoded", e.Content)
	x.elem("dc:language", e.Language)
	if im := e.Image; im != nil {
		// RSS requires the enclosure's length: 0 when it is not known.
		x.raw("<enclosure")
		x.attr("url", im.URL)
		x.attr("length", strconv.FormatInt(im.Bytes, 10))
		x.attr("type", im.Type)
		x.raw("/>\n")
		x.mediaContent(im)
	}
	x.raw("</item>\n")
}
