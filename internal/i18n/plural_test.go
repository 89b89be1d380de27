package i18n

import (
	"math"
	"testing"
)

var comments = PluralForms{
	Zero:  "لا تعليقات",
	One:   "تعليق واحد",
	Two:   "تعليقان",
	Few:   "%d تعليقات",
	Many:  "%d تعليقاً",
	Other: "%d تعليق",
}

func TestPlural(t *testing.T) {
	tests := []struct {
		n    int
		want string
	}{
		{0, "لا تعليقات"},
		{1, "تعليق واحد"},
		{2, "تعليقان"},
		{3, "3 تعليقات"},
		{10, "10 تعليقات"},
		{11, "11 تعليقاً"},
		{99, "99 تعليقاً"},
		{100, "100 تعليق"},
		{101, "101 تعليق"},
		{102, "102 تعليق"},
		{103, "103 تعليقات"},
		{110, "110 تعليقات"},
		{111, "111 تعليقاً"},
		{199, "199 تعليقاً"},
		{200, "200 تعليق"},
		{1000, "1000 تعليق"},
		{1003, "1003 تعليقات"},
		{-3, "-3 تعليقات"},
	}
	for _, tt := range tests {
		if got := Plural(tt.n, comments, Latin); got != tt.want {
			t.Errorf("Plural(%d) = %q, want %q", tt.n, got, tt.want)
		}
	}
}

func TestPluralArabicIndic(t *testing.T) {
	tests := []struct {
		n    int
		want string
	}{
		{0, "لا تعليقات"},
		{3, "٣ تعليقات"},
		{11, "١١ تعليقاً"},
		{100, "١٠٠ تعليق"},
		{103, "١٠٣ تعليقات"},
		{111, "١١١ تعليقاً"},
	}
	for _, tt := range tests {
		if got := Plural(tt.n, comments, ArabicIndic); got != tt.want {
			t.Errorf("Plural(%d, ArabicIndic) = %q, want %q", tt.n, got, tt.want)
		}
	}
}

func TestPluralCategory(t *testing.T) {
	tests := []struct {
		n    int
		want category
	}{
		{0, zero}, {1, one}, {2, two},
		{3, few}, {10, few},
		{11, many}, {99, many},
		{100, other}, {101, other}, {102, other},
		{103, few}, {110, few},
		{111, many}, {199, many},
		{200, other},
		{-1, one}, {-2, two}, {-11, many}, {-100, other},
		{math.MaxInt, few}, // 9223372036854775807: n%100 = 7
		{math.MinInt, few}, // |n| = 9223372036854775808: n%100 = 8, no overflow
	}
	for _, tt := range tests {
		if got := pluralCategory(tt.n); got != tt.want {
			t.Errorf("pluralCategory(%d) = %d, want %d", tt.n, got, tt.want)
		}
	}
}

func TestPluralFallbackAndLiteralPercent(t *testing.T) {
	f := PluralForms{Other: "%d مقال (100%)"}
	tests := []struct {
		n    int
		want string
	}{
		{0, "0 مقال (100%)"},
		{1, "1 مقال (100%)"},
		{5, "5 مقال (100%)"},
	}
	for _, tt := range tests {
		if got := Plural(tt.n, f, Latin); got != tt.want {
			t.Errorf("Plural(%d) = %q, want %q", tt.n, got, tt.want)
		}
	}
}
