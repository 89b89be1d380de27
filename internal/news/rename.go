package news

import (
	"strings"
	"unicode/utf8"
)

// Limits on the names and slugs of tags and authors, in characters.
const (
	MaxTagName    = 100
	MaxAuthorName = 120
	MaxAuthorBio  = 2000
	MaxListSlug   = 120
)

// validSlug reports whether slug can stand in an address (Arabic allowed)
// within max characters.
func validSlug(slug string, max int) bool {
	return slug != "" && utf8.ValidString(slug) && utf8.RuneCountInString(slug) <= max &&
		!strings.ContainsAny(slug, "/?#% \t\n\r\x00")
}

// validName reports whether name is a non-blank text of at most max
// characters.
func validName(name string, max int) bool {
	n := strings.TrimSpace(name)
	return n != "" && utf8.ValidString(name) && !strings.ContainsRune(name, 0) && utf8.RuneCountInString(n) <= max
}

// Validate checks a tag before it is stored under a new name or slug.
func (t *Tag) Validate() error {
	if !validName(t.Name, MaxTagName) {
		return &FieldError{"name", "tag.error.name"}
	}
	if !validSlug(t.Slug, MaxListSlug) {
		return &FieldError{"slug", "error.field.invalid_slug"}
	}
	return nil
}

// Validate checks an author before it is stored under a new name or slug.
func (a *Author) Validate() error {
	if !validName(a.Name, MaxAuthorName) {
		return &FieldError{"name", "author.error.name"}
	}
	if !utf8.ValidString(a.Bio) || strings.ContainsRune(a.Bio, 0) || utf8.RuneCountInString(a.Bio) > MaxAuthorBio {
		return &FieldError{"bio", "author.error.bio"}
	}
	if !validSlug(a.Slug, MaxListSlug) {
		return &FieldError{"slug", "error.field.invalid_slug"}
	}
	return nil
}

// OldAddress is the redirect key of the reader address a thing of kind had
// under slug (article, section, author or tag), recorded when the slug
// changes so that the earlier address keeps answering.
func OldAddress(kind RedirectKind, slug string) string {
	return RedirectKey("/"+string(kind)+"/"+slug, "")
}
