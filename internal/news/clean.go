package news

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// This file is the one input-hygiene layer: every writer (newsroom, command
// line, importer) goes through Article.Validate, StaticPage.Validate or
// CleanName, so the same text is refused or normalized whoever sends it.

// validText reports whether s is text at all: valid UTF-8 without NUL
// (which PostgreSQL cannot store and nobody means).
func validText(s string) bool {
	return utf8.ValidString(s) && !strings.ContainsRune(s, 0)
}

// nfc is s in Unicode normalization form C, so that one word typed two
// ways (a letter and its accent, or the accented letter) is stored, found
// and compared as one.
func nfc(s string) string {
	if norm.NFC.IsNormalString(s) {
		return s
	}
	return norm.NFC.String(s)
}

// invisibleInSlug reports the characters a slug must not carry: bidi
// controls and marks, zero-width characters and no-break spaces, which
// make two addresses look alike.
func invisibleInSlug(r rune) bool {
	switch r {
	case 0x00A0, 0x2007, 0x202F, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x200E, 0x200F, 0x061C, 0x00AD:
		return true
	}
	return isBidiControl(r) || unicode.IsSpace(r) || unicode.IsControl(r)
}

// validSlug reports whether s can be a path segment of an address that
// reads as what it is.
func validSlug(s string) bool {
	if s == "." || s == ".." || strings.ContainsAny(s, "/?#%\\") {
		return false
	}
	for _, r := range s {
		if invisibleInSlug(r) {
			return false
		}
	}
	return true
}

// balancedBidi reports whether every embedding, override and isolate in s
// is closed in s (and none is closed that was not opened), so that the
// text cannot reorder what the page shows after it.
func balancedBidi(s string) bool {
	var stack []rune
	for _, r := range s {
		switch r {
		case 0x202A, 0x202B, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068:
			stack = append(stack, r)
		case 0x202C: // PDF closes an embedding or override
			if len(stack) == 0 || stack[len(stack)-1] >= 0x2066 {
				return false
			}
			stack = stack[:len(stack)-1]
		case 0x2069: // PDI closes an isolate
			if len(stack) == 0 || stack[len(stack)-1] < 0x2066 {
				return false
			}
			stack = stack[:len(stack)-1]
		}
	}
	return len(stack) == 0
}

// scripts a word of a name may be written in; a letter from any other
// script counts as its own.
var scripts = []*unicode.RangeTable{unicode.Latin, unicode.Arabic, unicode.Cyrillic, unicode.Greek, unicode.Hebrew, unicode.Tifinagh}

func scriptOf(r rune) int {
	for i, t := range scripts {
		if unicode.Is(t, r) {
			return i
		}
	}
	return len(scripts)
}

// presentationForm reports Arabic presentation forms (U+FB50–U+FDFF,
// U+FE70–U+FEFF): glyph shapes, not letters; a name typed with them looks
// like another and is found by no search.
func presentationForm(r rune) bool {
	return (r >= 0xFB50 && r <= 0xFDFF) || (r >= 0xFE70 && r <= 0xFEFE)
}

// CleanName checks and normalizes a person's or an agency's name (a staff
// account, an author): text only, on one line, without bidi controls or
// presentation forms, each word in one script (a Cyrillic "а" hidden in a
// Latin name is refused), trimmed and NFC-normalized. The error names
// field and carries the message key.
func CleanName(field, s string) (string, error) {
	if !validText(s) {
		return "", &FieldError{field, "error.field.invalid_text"}
	}
	s = strings.TrimSpace(nfc(s))
	if s == "" {
		return "", &FieldError{field, "error.field.required"}
	}
	word := -1 // the script of the current word, -1 between words
	for _, r := range s {
		switch {
		case isBidiControl(r) || unicode.IsControl(r) || r == 0xFEFF:
			return "", &FieldError{field, "error.field.invalid_text"}
		case presentationForm(r):
			return "", &FieldError{field, "error.field.presentation_forms"}
		case unicode.IsLetter(r):
			sc := scriptOf(r)
			if word >= 0 && sc != word {
				return "", &FieldError{field, "error.field.mixed_scripts"}
			}
			word = sc
		case unicode.Is(unicode.Mn, r) || r == 0x0640: // marks and tatweel stay in their word
		default:
			word = -1
		}
	}
	return s, nil
}

// Validate checks and normalizes an author before it is stored: a name
// (CleanName), a slug that reads as what it is, a bio that is text.
func (a *Author) Validate() error {
	name, err := CleanName("name", a.Name)
	if err != nil {
		return err
	}
	if utf8.RuneCountInString(name) > MaxAuthorName {
		return &FieldError{"name", "author.error.name"}
	}
	a.Name = name
	if !validText(a.Bio) {
		return &FieldError{"bio", "error.field.invalid_text"}
	}
	if utf8.RuneCountInString(a.Bio) > MaxAuthorBio {
		return &FieldError{"bio", "author.error.bio"}
	}
	a.Bio = nfc(a.Bio)
	if !listSlug(a.Slug, MaxListSlug) {
		return &FieldError{"slug", "error.field.invalid_slug"}
	}
	a.Slug = nfc(a.Slug)
	return nil
}
