package arabic

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Slugify builds a URL slug that keeps Arabic (and other non-Latin) letters
// as they are, because transliterated Arabic is unreadable to the people the
// URL is for. It folds presentation forms with NFKC, drops diacritics and
// tatweel, writes all digits in ASCII, lowercases letters and folds accented
// Latin letters to ASCII (é→e, ç→c, œ→oe). Hamza forms (أ إ آ ؤ ئ), ة and ى
// are kept in their written form. Letters and digits are kept; every run of
// anything else (spaces, punctuation, quotes, ZWNJ, bidi controls, emoji)
// becomes a single '-', and no '-' is left at either end.
//
// Combining marks that survive diacritic stripping are kept only inside
// words of scripts that need them (Devanagari vowel signs, for instance) and
// are dropped elsewhere, so that they neither split a word nor leak accents
// into Latin or Arabic slugs.
//
// When the slug is longer than maxRunes runes it is cut at the last '-'
// that keeps it within the limit, or hard-cut at maxRunes when the first
// word alone is too long. maxRunes <= 0 means no limit. The result is ""
// when nothing is left, and Slugify(Slugify(s, n), n) == Slugify(s, n).
func Slugify(s string, maxRunes int) string {
	// norm passes invalid UTF-8 through together with the runes after it,
	// unnormalised, so make the input valid first.
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = norm.NFKC.String(s)
	s = StripDiacritics(s)
	s = LatinDigits(s)

	var b strings.Builder
	b.Grow(len(s))
	pendingDash := false
	// markBase is true while the last kept rune is a letter (or one of its
	// marks) from a script whose combining marks belong in the slug.
	markBase := false
	for _, r := range s {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if pendingDash && b.Len() > 0 {
				b.WriteByte('-')
			}
			pendingDash = false
			markBase = writeWordRune(&b, r)
		case unicode.Is(unicode.M, r):
			if markBase {
				b.WriteRune(r)
			}
		default:
			pendingDash = true
			markBase = false
		}
	}

	// Dropping runes can bring together a base and a mark (or two Hangul
	// jamo) that NFKC composes; normalising again keeps the result a fixed
	// point of Slugify.
	out := norm.NFKC.String(b.String())
	return truncate(out, maxRunes)
}

// writeWordRune writes the slug form of a letter or digit and reports
// whether combining marks that follow it should be kept.
func writeWordRune(b *strings.Builder, r rune) bool {
	switch {
	case unicode.IsDigit(r):
		b.WriteRune(r)
		return false
	case unicode.Is(unicode.Latin, r):
		writeLatin(b, unicode.ToLower(r))
		return false
	case unicode.Is(unicode.Arabic, r):
		// Arabic has no case; marks after it (Quranic annotation signs)
		// are reading aids, not part of the word.
		b.WriteRune(r)
		return false
	default:
		b.WriteRune(unicode.ToLower(r))
		return true
	}
}

// writeLatin writes a lowercase Latin letter folded to ASCII where that is
// simple, so "équipe" and "equipe" share a slug. Only Latin letters go
// through decomposition: decomposing Arabic would split أ into ا and hamza.
func writeLatin(b *strings.Builder, r rune) {
	if r < utf8.RuneSelf {
		b.WriteRune(r)
		return
	}
	for _, d := range norm.NFD.String(string(r)) {
		if unicode.Is(unicode.Mn, d) {
			continue
		}
		if s, ok := latinLigature(d); ok {
			b.WriteString(s)
			continue
		}
		b.WriteRune(d)
	}
}

// latinLigature maps lowercase Latin letters that have no canonical
// decomposition but an obvious ASCII spelling.
func latinLigature(r rune) (string, bool) {
	switch r {
	case 'ß':
		return "ss", true
	case 'æ':
		return "ae", true
	case 'œ':
		return "oe", true
	case 'ø':
		return "o", true
	case 'ł':
		return "l", true
	case 'đ', 'ð':
		return "d", true
	case 'þ':
		return "th", true
	case 'ı':
		return "i", true
	}
	return "", false
}

// truncate shortens slug s to at most maxRunes runes, preferring to end on
// a word boundary so URLs do not show half words.
func truncate(s string, maxRunes int) string {
	if maxRunes <= 0 || utf8.RuneCountInString(s) <= maxRunes {
		return strings.Trim(s, "-")
	}
	runes := []rune(s)
	cut := maxRunes
	if runes[maxRunes] != '-' {
		for i := maxRunes - 1; i > 0; i-- {
			if runes[i] == '-' {
				cut = i
				break
			}
		}
	}
	return strings.Trim(string(runes[:cut]), "-")
}
