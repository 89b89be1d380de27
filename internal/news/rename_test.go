package news

import (
	"errors"
	"strings"
	"testing"
)

func TestTagAndAuthorValidate(t *testing.T) {
	tests := []struct {
		name  string
		err   error
		field string // "" for valid
	}{
		{"tag", (&Tag{Name: "قطر", Slug: "قطر"}).Validate(), ""},
		{"tag without a name", (&Tag{Name: " ", Slug: "x"}).Validate(), "name"},
		{"tag name too long", (&Tag{Name: strings.Repeat("ق", MaxTagName+1), Slug: "x"}).Validate(), "name"},
		{"tag slug with a space", (&Tag{Name: "x", Slug: "a b"}).Validate(), "slug"},
		{"tag slug with %", (&Tag{Name: "x", Slug: "a%20b"}).Validate(), "slug"},
		{"tag slug empty", (&Tag{Name: "x"}).Validate(), "slug"},
		{"tag name with NUL", (&Tag{Name: "a\x00", Slug: "a"}).Validate(), "name"},
		{"author", (&Author{Name: "ياسين قُطيب", Slug: "ياسين-قطيب", Bio: "صحافي"}).Validate(), ""},
		{"author bio too long", (&Author{Name: "x", Slug: "x", Bio: strings.Repeat("ب", MaxAuthorBio+1)}).Validate(), "bio"},
		{"author slug too long", (&Author{Name: "x", Slug: strings.Repeat("s", MaxListSlug+1)}).Validate(), "slug"},
		{"author slug with /", (&Author{Name: "x", Slug: "a/b"}).Validate(), "slug"},
	}
	for _, tt := range tests {
		var fe *FieldError
		switch {
		case tt.field == "" && tt.err != nil:
			t.Errorf("%s: %v", tt.name, tt.err)
		case tt.field != "" && (!errors.As(tt.err, &fe) || fe.Field != tt.field):
			t.Errorf("%s: %v, want an error on %s", tt.name, tt.err, tt.field)
		}
	}
}

func TestOldAddress(t *testing.T) {
	for _, tt := range []struct {
		kind      RedirectKind
		slug, key string
	}{
		{RedirectArticle, "Festival-Dakhla", "/article/festival-dakhla"},
		{RedirectTag, "قطر", "/tag/قطر"},
		{RedirectSection, "sport", "/section/sport"},
		{RedirectAuthor, "ياسين-قطيب", "/author/ياسين-قطيب"},
	} {
		if got := OldAddress(tt.kind, tt.slug); got != tt.key {
			t.Errorf("OldAddress(%s, %q) = %q, want %q", tt.kind, tt.slug, got, tt.key)
		}
		// What a reader's browser sends finds it.
		if got := RedirectKey("/"+string(tt.kind)+"/"+strings.ToUpper(tt.slug)+"/", "utm_source=x"); got != tt.key {
			t.Errorf("RedirectKey of the spelled-out address = %q, want %q", got, tt.key)
		}
	}
}
