// Package richtext keeps article bodies safe: every body is passed through
// Sanitize before it is stored, so templates may print it as HTML.
package richtext

import (
	"regexp"

	"github.com/microcosm-cc/bluemonday"
)

// policy is the allowlist of what an article body may hold: the structure
// of news writing (paragraphs, headings, quotes, lists, figures, tables),
// inline emphasis, links and images, and the direction and language of any
// element, so a French quote inside Arabic text keeps its own.
var policy = newPolicy()

// srcset is a list of image candidates, each an http(s) or relative URL
// with an optional width or density descriptor.
var srcset = regexp.MustCompile(`^\s*` + candidate + `(\s*,\s*` + candidate + `)*\s*$`)

const candidate = `(?:(?i:https?)://[^\s,]+|[^\s,:]+)(?:\s+\d+(?:\.\d+)?[wx])?`

func newPolicy() *bluemonday.Policy {
	p := bluemonday.NewPolicy()
	p.AllowElements("p", "br", "hr", "h2", "h3", "h4", "b", "strong", "i", "em", "u", "s", "sub", "sup",
		"blockquote", "q", "cite", "ul", "ol", "li", "figure", "figcaption", "bdi", "bdo", "span", "mark", "small",
		"table", "thead", "tbody", "tr", "th", "td", "caption")
	p.AllowAttrs("dir").Matching(regexp.MustCompile(`^(rtl|ltr|auto)$`)).Globally()
	p.AllowAttrs("lang").Matching(regexp.MustCompile(`^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$`)).Globally()
	p.AllowAttrs("href", "title").OnElements("a")
	p.AllowAttrs("cite").OnElements("blockquote", "q")
	p.AllowAttrs("src", "alt", "width", "height", "sizes", "loading").OnElements("img")
	// bluemonday checks src's scheme but not srcset's: each candidate must
	// be an http(s) or a relative address (no scheme, so no colon).
	p.AllowAttrs("srcset").Matching(srcset).OnElements("img")
	p.AllowAttrs("colspan", "rowspan", "scope").OnElements("th", "td")
	p.AllowURLSchemes("http", "https", "mailto")
	p.AllowRelativeURLs(true)
	p.RequireParseableURLs(true)
	return p
}

// Sanitize returns body with everything outside the allowlist removed:
// scripts, styles, event handlers, forms, frames, meta refreshes,
// javascript: and data: links.
func Sanitize(body string) string {
	return policy.Sanitize(body)
}
