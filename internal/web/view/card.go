package view

import (
	"bytes"
	"encoding/json"
	"html/template"
)

// Card is what a page tells search engines and share cards about itself:
// its OpenGraph and Twitter tags, and its JSON-LD. Title, Description and
// URL are the layout's own (Base.Title, Base.Description, Base.Canonical);
// what is here adds to them.
type Card struct {
	// Type is the OpenGraph type: "article" on articles, "website" (the
	// default when empty) elsewhere.
	Type string
	// Title, when set, is what the card shows instead of the page's title
	// (the site's name on the front page).
	Title string
	// Image is the picture shown with a shared link; its URL is empty when
	// there is none.
	Image CardImage
	// Article holds the OpenGraph article properties of an article page.
	Article *ArticleCard
	// Locale, when set, is the page's OpenGraph locale instead of the
	// site's (a French article on an Arabic site: "fr_MA").
	Locale string
	// Twitter is the site's handle, "@name"; empty when it has none.
	Twitter string
	// JSONLD are the page's structured data blocks, each marshalled by
	// JSONLD so that it can stand inside a script element.
	JSONLD []template.JS
}

// CardImage is an absolute image address with its size and text.
type CardImage struct {
	URL           string
	Width, Height int
	Alt           string
}

// ArticleCard are the OpenGraph article properties: times in RFC 3339 with
// the site's offset, the section's name, the tags' names and the absolute
// addresses of the authors' pages.
type ArticleCard struct {
	Published, Modified string
	Section             string
	Tags                []string
	Authors             []string
}

// JSONLD marshals v for a <script type="application/ld+json"> element.
// encoding/json writes <, > and & as \u003c, \u003e and \u0026, and the line
// separators U+2028 and U+2029 as escapes too, so no text inside v (a
// headline holding "</script>" or "<!--") can end the element or change
// how it is read; the result is therefore safe to hand to the template
// as JavaScript, which html/template inserts unchanged.
func JSONLD(v any) (template.JS, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(true)
	if err := enc.Encode(v); err != nil {
		return "", err
	}
	return template.JS(bytes.TrimRight(buf.Bytes(), "\n")), nil
}
