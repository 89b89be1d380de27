package arabic

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Fold reduces text to the form in which two spellings of the same Arabic
// word compare equal: Unicode NFKC (presentation forms become letters),
// lower case, no harakat, superscript alef or tatweel, no invisible format
// characters (ZWNJ, bidi marks, soft hyphens), hamza-carrying alefs and ٱ
// as ا, ى and ئ as ي, ة as ه, ؤ as و, Persian ی and ک as ي and ك, and
// Arabic-Indic digits as Latin ones. Word lists and, later, search both
// match on this form.
func Fold(s string) string {
	s = norm.NFKC.String(strings.ToValidUTF8(s, "\uFFFD"))
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if isStripped(r) || unicode.Is(unicode.Cf, r) {
			continue
		}
		switch r {
		case 'أ', 'إ', 'آ', 'ٱ':
			r = 'ا'
		case 'ى', 'ئ', 'ی':
			r = 'ي'
		case 'ة':
			r = 'ه'
		case 'ؤ':
			r = 'و'
		case 'ک':
			r = 'ك'
		default:
			switch {
			case r >= 0x0660 && r <= 0x0669:
				r = '0' + r - 0x0660
			case r >= 0x06F0 && r <= 0x06F9:
				r = '0' + r - 0x06F0
			default:
				r = unicode.ToLower(r)
			}
		}
		b.WriteRune(r)
	}
	return b.String()
}
