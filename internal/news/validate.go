package news

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// FieldError names an invalid field and the translation key of the message
// that explains it to the person who filled it in.
type FieldError struct {
	Field string
	Key   string
}

func (e *FieldError) Error() string { return fmt.Sprintf("invalid %s: %s", e.Field, e.Key) }

// Limits on article fields, in characters.
const (
	MaxKicker   = 200
	MaxHeadline = 300
	MaxSummary  = 1000
	MaxSlug     = 200
	MaxBody     = 200_000
	// A search title and a meta description may be longer than search
	// engines show (SEOTitleAdvice, SEODescriptionAdvice), not without end.
	MaxSEOTitle       = 120
	MaxSEODescription = 320
)

// The lengths search engines and share cards show, in characters: the
// newsroom's counters advise them; longer texts are cut by the engines.
const (
	SEOTitleAdvice       = 60
	SEODescriptionAdvice = 160
)

// Validate checks the rules every stored article obeys, whoever writes it.
func (a *Article) Validate() error {
	checks := []struct {
		field, value string
		max          int
		required     bool
	}{
		{"kicker", a.Kicker, MaxKicker, false},
		{"headline", a.Headline, MaxHeadline, true},
		{"summary", a.Summary, MaxSummary, false},
		{"slug", a.Slug, MaxSlug, true},
		{"body", a.Body, MaxBody, false},
		{"seo_title", a.SEOTitle, MaxSEOTitle, false},
		{"seo_description", a.SEODescription, MaxSEODescription, false},
	}
	for _, c := range checks {
		// Invalid UTF-8 and NUL are refused whoever writes the article (an
		// import too): PostgreSQL cannot store a NUL, and nobody means one.
		if !utf8.ValidString(c.value) || strings.ContainsRune(c.value, 0) {
			return &FieldError{c.field, "error.field.invalid_text"}
		}
		if c.required && strings.TrimSpace(c.value) == "" {
			return &FieldError{c.field, "error.field.required"}
		}
		if utf8.RuneCountInString(c.value) > c.max {
			if c.field == "seo_title" || c.field == "seo_description" {
				return &FieldError{c.field, "error.field." + c.field + "_too_long"}
			}
			return &FieldError{c.field, "error.field.too_long"}
		}
	}
	if strings.ContainsAny(a.Slug, "/?#% \t\n") {
		return &FieldError{"slug", "error.field.invalid_slug"}
	}
	if a.Lang != "ar" && a.Lang != "fr" {
		return &FieldError{"lang", "error.field.invalid_lang"}
	}
	if !a.Status.Valid() {
		return &FieldError{"status", "error.field.invalid_status"}
	}
	if a.Section.ID == 0 {
		return &FieldError{"section", "error.field.required"}
	}
	if len(a.Authors) == 0 {
		return &FieldError{"authors", "error.field.required"}
	}
	if a.Status == Published && a.Published.IsZero() {
		return &FieldError{"published", "error.field.required"}
	}
	return nil
}

// Visible reports whether readers may see the article at the given time.
func (a *Article) Visible(now time.Time) bool {
	return a.Status == Published && !a.Published.After(now)
}
