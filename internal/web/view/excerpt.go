package view

import (
	"html"
	"strings"
	"unicode"
)

// Excerpt returns the first words of an article's sanitized HTML body as
// plain text, at most max words, for lists that show a few lines of each
// story.
func Excerpt(body string, max int) string {
	var b strings.Builder
	inTag := false
	for _, r := range body {
		switch {
		case r == '<':
			inTag = true
			b.WriteRune(' ')
		case r == '>':
			inTag = false
		case !inTag:
			b.WriteRune(r)
		}
	}
	words := strings.FieldsFunc(html.UnescapeString(b.String()), unicode.IsSpace)
	if len(words) <= max {
		return strings.Join(words, " ")
	}
	return strings.Join(words[:max], " ") + "…"
}
