package i18n

import "strings"

// PluralForms holds the six CLDR plural forms of an Arabic phrase. Arabic
// agrees nouns with the count in six ways (تعليق، تعليقان، تعليقات،
// تعليقاً …), so a singular/plural pair cannot express it. Each form may
// contain "%d", which is replaced by the number.
type PluralForms struct {
	Zero, One, Two, Few, Many, Other string
}

// Plural picks the form of f that CLDR's Arabic rules assign to n and puts
// n, written in digit style d, in place of every "%d". The rules: zero for
// 0, one for 1, two for 2, few when n%100 is 3–10, many when n%100 is
// 11–99, other for the rest (100, 101, 102, …); negative numbers use their
// absolute value. An empty selected form falls back to Other, as CLDR
// prescribes for missing forms. "%d" is replaced literally rather than via
// fmt, so a stray '%' in a translation cannot garble the output.
func Plural(n int, f PluralForms, d DigitStyle) string {
	var form string
	switch pluralCategory(n) {
	case zero:
		form = f.Zero
	case one:
		form = f.One
	case two:
		form = f.Two
	case few:
		form = f.Few
	case many:
		form = f.Many
	}
	if form == "" {
		form = f.Other
	}
	return strings.ReplaceAll(form, "%d", formatNumber(n, d))
}

// category is a CLDR plural category.
type category int

const (
	other category = iota
	zero
	one
	two
	few
	many
)

// pluralCategory implements the CLDR plural rules for Arabic. It works on
// n%100 and compares n directly so that math.MinInt, whose absolute value
// overflows, is still handled.
func pluralCategory(n int) category {
	switch n {
	case 0:
		return zero
	case 1, -1:
		return one
	case 2, -2:
		return two
	}
	mod := n % 100
	if mod < 0 {
		mod = -mod
	}
	switch {
	case mod >= 3 && mod <= 10:
		return few
	case mod >= 11:
		return many
	}
	return other
}
