// Package arabic holds pure text helpers for Arabic script: removing
// diacritics, converting between digit systems and building URL slugs that
// keep Arabic letters readable instead of transliterating them.
package arabic

import "strings"

// isStripped reports whether r is a mark that StripDiacritics removes: the
// harakat block U+064B–U+065F, superscript alef U+0670 and tatweel U+0640.
// These change how a word is voiced or stretched, not which word it is, so
// search keys and slugs must not depend on them.
func isStripped(r rune) bool {
	return (r >= 0x064B && r <= 0x065F) || r == 0x0670 || r == 0x0640
}

// StripDiacritics removes Arabic harakat (U+064B–U+065F), superscript alef
// (U+0670) and tatweel (U+0640), so that a voweled headline and its plain
// spelling compare equal. Every other rune is kept as it is.
//
// Like all functions here, it replaces invalid UTF-8 bytes with U+FFFD:
// keeping them could splice two stray bytes into a new, valid rune once the
// mark between them is gone.
func StripDiacritics(s string) string {
	return strings.Map(func(r rune) rune {
		if isStripped(r) {
			return -1
		}
		return r
	}, s)
}

// LatinDigits turns Arabic-Indic digits (U+0660–U+0669) and Extended
// Arabic-Indic digits used in Persian and Urdu (U+06F0–U+06F9) into ASCII
// 0–9, so numbers typed with any keyboard parse and link the same way.
func LatinDigits(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 0x0660 && r <= 0x0669:
			return '0' + r - 0x0660
		case r >= 0x06F0 && r <= 0x06F9:
			return '0' + r - 0x06F0
		}
		return r
	}, s)
}

// ArabicIndicDigits turns ASCII digits into Arabic-Indic digits
// (U+0660–U+0669) for readers whose edition writes numbers that way; it is
// the reverse of LatinDigits for the Arabic-Indic range.
func ArabicIndicDigits(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return 0x0660 + r - '0'
		}
		return r
	}, s)
}
