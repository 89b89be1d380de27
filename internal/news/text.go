package news

import (
	"html"
	"strings"
)

// blockTags end a line when HTML is read as plain text.
var blockTags = map[string]bool{
	"p": true, "/p": true, "br": true, "br/": true, "div": true, "/div": true, "li": true, "/li": true,
	"h1": true, "h2": true, "h3": true, "h4": true, "/h1": true, "/h2": true, "/h3": true, "/h4": true,
	"blockquote": true, "/blockquote": true, "figcaption": true, "/figcaption": true,
}

// PlainText reads an article's sanitized HTML body as text: tags go (inline
// ones without a trace, so a word split by <b> stays one word), block
// elements end lines, entities are decoded. Search and excerpts read it.
func PlainText(body string) string {
	var b strings.Builder
	b.Grow(len(body))
	for {
		i := strings.IndexByte(body, '<')
		if i < 0 {
			b.WriteString(html.UnescapeString(body))
			break
		}
		b.WriteString(html.UnescapeString(body[:i]))
		j := strings.IndexByte(body[i:], '>')
		if j < 0 {
			break // an unclosed tag: what follows is not text
		}
		if f := strings.Fields(body[i+1 : i+j]); len(f) > 0 {
			switch tag := strings.ToLower(f[0]); {
			case blockTags[tag]:
				b.WriteByte('\n')
			case tag == "small":
				b.WriteByte(' ') // a picture's credit after its caption is a word of its own
			}
		}
		body = body[i+j+1:]
	}
	return strings.TrimSpace(b.String())
}
