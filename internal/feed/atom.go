package feed

import (
	"io"
	"strconv"
	"time"
)

// WriteAtom writes f as an Atom 1.0 feed, entry by entry. The feed's id is
// its own address; each entry's is its permanent one.
func WriteAtom(w io.Writer, f *Feed) error {
	if err := f.Validate(); err != nil {
		return err
	}
	x := newXMLWriter(w)
	x.raw(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	x.raw(`<feed xmlns="` + nsAtom + `" xmlns:media="` + nsMedia + `"`)
	x.attr("xml:lang", f.Language)
	x.raw(">\n")
	x.elem("id", f.Self)
	x.raw(`<title type="text">`)
	x.text(f.Title)
	x.raw("</title>\n")
	if f.Description != "" {
		x.raw(`<subtitle type="text">`)
		x.text(f.Description)
		x.raw("</subtitle>\n")
	}
	// Atom requires the time; an empty feed gives the epoch, not the
	// moment of the request, so that its bytes stay the same.
	updated := f.updated()
	if updated.IsZero() {
		updated = time.Unix(0, 0).UTC()
	}
	x.elem("updated", rfc3339(updated))
	x.link("alternate", "text/html", f.Link, "", 0)
	x.link("self", "application/atom+xml", f.Self, "", 0)
	x.link("next", "application/atom+xml", f.Next, "", 0)
	x.link("previous", "application/atom+xml", f.Prev, "", 0)
	if f.Publisher.Name != "" {
		x.person("author", f.Publisher)
	}
	x.elem("generator", f.Generator)
	x.elem("icon", f.Icon)
	if f.Logo != nil {
		x.elem("logo", f.Logo.URL)
	}
	for i := range f.Entries {
		x.atomEntry(&f.Entries[i])
	}
	x.raw("</feed>\n")
	return x.flush()
}

func (x *xmlWriter) link(rel, typ, href, title string, length int64) {
	if href == "" {
		return
	}
	x.raw("<link")
	x.attr("rel", rel)
	x.attr("type", typ)
	x.attr("href", href)
	x.attr("title", title)
	if length > 0 {
		x.attr("length", strconv.FormatInt(length, 10))
	}
	x.raw("/>\n")
}

func (x *xmlWriter) person(tag string, p Person) {
	x.raw("<" + tag + ">")
	x.elem("name", p.Name)
	x.elem("uri", p.URL)
	x.raw("</" + tag + ">\n")
}

func (x *xmlWriter) atomEntry(e *Entry) {
	x.raw("<entry")
	x.attr("xml:lang", e.Language)
	x.raw(">\n")
	x.elem("id", e.ID)
	x.raw(`<title type="text">`)
	x.text(e.Title)
	x.raw("</title>\n")
	x.link("alternate", "text/html", e.Link, "", 0)
	x.elem("published", rfc3339(e.Published))
	updated := e.Updated
	if updated.IsZero() {
		updated = e.Published
	}
	x.elem("updated", rfc3339(updated))
	for _, a := range e.Authors {
		x.person("author", a)
	}
	for _, c := range e.Categories {
		x.raw("<category")
		x.attr("term", c.Name)
		x.attr("scheme", c.Scheme)
		x.attr("label", c.Name)
		x.raw("/>\n")
	}
	if e.Summary != "" {
		x.raw(`<summary type="text">`)
		x.text(e.Summary)
		x.raw("</summary>\n")
	}
	if e.Content != "" {
		x.raw(`<content type="html">`)
		x.text(e.Content)
		x.raw("</content>\n")
	}
	if im := e.Image; im != nil {
		x.link("enclosure", im.Type, im.URL, im.Alt, im.Bytes)
		x.mediaContent(im)
	}
	x.raw("</entry>\n")
}
