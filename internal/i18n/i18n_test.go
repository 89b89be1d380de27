package i18n

import "testing"

func TestDir(t *testing.T) {
	tests := []struct {
		lang, want string
	}{
		{"ar", "rtl"},
		{"ar-MA", "rtl"},
		{"AR_ma", "rtl"},
		{" ar ", "rtl"},
		{"fa", "rtl"},
		{"fa-IR", "rtl"},
		{"ur", "rtl"},
		{"he", "rtl"},
		{"he-IL", "rtl"},
		{"ps", "rtl"},
		{"fr", "ltr"},
		{"fr-MA", "ltr"},
		{"en", "ltr"},
		{"zgh", "ltr"},
		{"are", "ltr"},
		{"", "ltr"},
	}
	for _, tt := range tests {
		if got := Dir(tt.lang); got != tt.want {
			t.Errorf("Dir(%q) = %q, want %q", tt.lang, got, tt.want)
		}
	}
}
