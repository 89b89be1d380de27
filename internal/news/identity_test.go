package news

import (
	"errors"
	"strings"
	"testing"
)

func TestValidateIdentity(t *testing.T) {
	tests := []struct {
		name  string
		edit  func(*Settings)
		field string // "" when valid
	}{
		{"defaults", func(*Settings) {}, ""},
		{"full identity", func(s *Settings) {
			s.Social = []string{"https://www.facebook.com/midad", "https://x.com/midad"}
			s.Twitter, s.Locale, s.ThemeColor, s.Logo, s.Icon, s.ShareImage = "@midad_ma", "fr_FR", "#00AAff", 1, 2, 3
		}, ""},
		{"twitter without @", func(s *Settings) { s.Twitter = "midad" }, "twitter"},
		{"twitter too long", func(s *Settings) { s.Twitter = "@" + strings.Repeat("a", 16) }, "twitter"},
		{"twitter with a space", func(s *Settings) { s.Twitter = "@mi dad" }, "twitter"},
		{"http social link", func(s *Settings) { s.Social = []string{"http://facebook.com/midad"} }, "social"},
		{"javascript social link", func(s *Settings) { s.Social = []string{"javascript:alert(1)"} }, "social"},
		{"quote in a social link", func(s *Settings) { s.Social = []string{`https://x.com/a"b`} }, "social"},
		{"too many social links", func(s *Settings) {
			for range MaxSocial + 1 {
				s.Social = append(s.Social, "https://x.com/midad")
			}
		}, "social"},
		{"locale in lower case", func(s *Settings) { s.Locale = "ar_ma" }, "locale"},
		{"locale missing", func(s *Settings) { s.Locale = "" }, "locale"},
		{"colour name", func(s *Settings) { s.ThemeColor = "red" }, "theme_color"},
		{"short colour", func(s *Settings) { s.ThemeColor = "#fff" }, "theme_color"},
		{"colour with CSS after it", func(s *Settings) { s.ThemeColor = "#ffffff;x" }, "theme_color"},
		{"negative image", func(s *Settings) { s.Icon = -1 }, "icon"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := DefaultSettings()
			tt.edit(&s)
			err := s.Validate()
			if tt.field == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			fe, ok := errors.AsType[*FieldError](err)
			if !ok || fe.Field != tt.field || !strings.HasPrefix(fe.Key, "settings.error.") {
				t.Fatalf("error %v, want a field error on %s", err, tt.field)
			}
		})
	}
}
