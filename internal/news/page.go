package news

import (
	"strings"
	"time"
	"unicode/utf8"
)

// StaticPage is a static page of the site (about, contact, terms, advertise):
// written in the newsroom with the article editor, shown at its own
// address, linked from the footer when InFooter is set. Body is sanitized
// HTML, like an article's.
type StaticPage struct {
	ID       int64
	Slug     string
	Title    string
	Body     string
	Lang     string
	Status   Status // Draft or Published
	InFooter bool
	Position int // order in the footer
	// Version counts saves: an update names the version it was made from,
	// so that two people editing one page do not overwrite each other.
	Version   int
	CreatedBy int64 // the newsroom account that wrote it; 0 for an import
	Created   time.Time
	Updated   time.Time
}

// MaxPagePosition bounds a page's place in the footer.
const MaxPagePosition = 10_000

// Validate checks the rules every stored page obeys, whoever writes it (the
// newsroom or an import): the same limits as an article's headline, slug
// and body, and only the two states a page has.
func (p *StaticPage) Validate() error {
	checks := []struct {
		field, value string
		max          int
	}{
		{"title", p.Title, MaxHeadline},
		{"slug", p.Slug, MaxSlug},
		{"body", p.Body, MaxBody},
	}
	for _, c := range checks {
		if !utf8.ValidString(c.value) || strings.ContainsRune(c.value, 0) {
			return &FieldError{c.field, "error.field.invalid_text"}
		}
		if c.field != "body" && strings.TrimSpace(c.value) == "" {
			return &FieldError{c.field, "error.field.required"}
		}
		if utf8.RuneCountInString(c.value) > c.max {
			return &FieldError{c.field, "error.field.too_long"}
		}
	}
	if strings.ContainsAny(p.Slug, "/?#% \t\n") {
		return &FieldError{"slug", "error.field.invalid_slug"}
	}
	if p.Lang != "ar" && p.Lang != "fr" {
		return &FieldError{"lang", "error.field.invalid_lang"}
	}
	if p.Status != Draft && p.Status != Published {
		return &FieldError{"status", "error.field.invalid_status"}
	}
	if p.Position < 0 || p.Position > MaxPagePosition {
		return &FieldError{"position", "error.field.invalid_position"}
	}
	return nil
}

// Visible reports whether readers may see the page.
func (p *StaticPage) Visible() bool { return p.Status == Published }
