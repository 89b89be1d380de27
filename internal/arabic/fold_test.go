package arabic

import (
	"testing"
	"unicode/utf8"
)

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"قُطيب", "قطيب"},
		{"كـــازينو", "كازينو"},
		{"أحمد إبراهيم آمنة ٱلله", "احمد ابراهيم امنه الله"},
		{"مستشفى", "مستشفي"},
		{"مدرسة", "مدرسه"},
		{"مؤتمر", "موتمر"},
		{"رئيس", "رييس"},
		{"فارسی کتاب", "فارسي كتاب"},
		{"٢٠٢٢ و۱۹۹۶", "2022 و1996"},
		{"\uFEB3\uFEE0\uFEE3", "سلم"}, // presentation forms
		{"ك\u200cازينو", "كازينو"},    // a zero-width non-joiner inside a word
		{"\u202Eنص\u202C", "نص"},
		{"CASINO Casino", "casino casino"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func FuzzFold(f *testing.F) {
	for _, s := range []string{"قُطيب", "ﻻ", "\xff\xfe", "أإآ", "٠١٢"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Fold(s)
		if !utf8.ValidString(got) {
			t.Fatalf("Fold(%q) = %q: invalid UTF-8", s, got)
		}
		if again := Fold(got); again != got {
			t.Fatalf("Fold not idempotent: %q → %q → %q", s, got, again)
		}
	})
}
