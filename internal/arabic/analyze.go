package arabic

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Token is one word of a text, with where it stands in the original.
type Token struct {
	Start, End int      // byte offsets of the word in the original text (text[Start:End] is the word as written, vowels and tatweel included)
	Exact      string   // Fold(word)
	Stem       string   // Stem(Exact)
	Alts       []string // other stems the word may stand for: without a one-letter clitic (بقطر → قطر), or, written with a hamza (ألمانية), keeping its own ال (المان); empty when none
	Stop       bool     // Exact is a stop word
}

// Tokenize cuts text into words, in order, stop words included (marked),
// and analyzes each one. The index and the query side both go through it,
// so a word is found however it was voweled, stretched or spelled.
//
// A word is a maximal run of letters of any script (Arabic presentation
// forms and tatweel are letters), decimal digits and combining marks
// (harakat among them); ZWNJ, ZWJ, the word joiner U+2060 and the soft
// hyphen inside such a run belong to the word. Everything else separates
// words: spaces, punctuation (، ؛ ؟ « » - ' . / …), symbols, emoji, the
// ornate parentheses ﴿ ﴾ and bytes that are not valid UTF-8. Start and End
// always index text itself.
//
// Exact is Fold of the word, with accents removed from Latin letters
// (é → e, ç → c, œ → oe; Arabic letters are never decomposed) and without
// the spaces that the compatibility forms of some ligatures contain
// (ﷺ folds to a phrase). A word that keeps no letter or digit after
// folding, such as a lone haraka, is dropped. Tokenize(t.Exact) is the one
// token t.Exact again.
func Tokenize(text string) []Token {
	// Arabic news text has about one word for every ten bytes; reserving
	// room up front saves most of the copying as the slice grows.
	tokens := make([]Token, 0, min(len(text)/10+1, 4096))
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !isWordRune(r, size) {
			i += size
			continue
		}
		start, end := i, i+size
		for j := end; j < len(text); {
			r, size := utf8.DecodeRuneInString(text[j:])
			if isWordRune(r, size) {
				j += size
				end = j
				continue
			}
			if isJoiner(r) {
				j += size // part of the word only if a word rune follows
				continue
			}
			break
		}
		i = end
		exact := exactForm(text[start:end])
		if !hasLetterOrDigit(exact) {
			continue
		}
		stem := Stem(exact)
		alts := alternatives(exact, stem)
		// Written with a hamza (ألمانية, إلكترونية), an initial ال is the
		// word's own, not the article.
		if hamzaAl(text[start:end]) {
			if keep := StemKeepingAl(exact); keep != "" {
				alts = append(alts, keep)
			}
		}
		tokens = append(tokens, Token{
			Start: start,
			End:   end,
			Exact: exact,
			Stem:  stem,
			Alts:  alts,
			Stop:  IsStopWord(exact),
		})
	}
	return tokens
}

// isWordRune reports whether r, decoded with the given size, is part of a
// word. An invalid byte (RuneError of size 1) is not.
func isWordRune(r rune, size int) bool {
	switch {
	case r < utf8.RuneSelf:
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	case r >= 'ء' && r <= 'ٟ': // Arabic letters, tatweel, harakat
		return true
	case r == utf8.RuneError && size <= 1:
		return false
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.In(r, unicode.Mn, unicode.Mc)
}

// isJoiner reports whether r is an invisible character that does not end
// a word when it stands between two word runes.
func isJoiner(r rune) bool {
	switch r {
	case '\u200C', '\u200D', '\u2060', '\u00AD':
		return true
	}
	return false
}

func hasLetterOrDigit(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

// exactForm is the Exact of a word: Fold, then only word runes (NFKC turns
// a few letters into several words, ﷺ into صلى الله عليه وسلم, and the
// isolated forms of harakat into a space and a mark), then Latin letters
// without accents.
func exactForm(word string) string {
	if s, ok := foldSimple(word); ok {
		return s
	}
	return exactFormSlow(word)
}

// exactFormSlow is exactForm without foldSimple's shortcut.
func exactFormSlow(word string) string {
	s := Fold(word)
	if t := keepWordRunes(s); t != s {
		// Removing a rune can bring a base and a mark together that NFKC
		// composes; fold again so that the result is a fixed point.
		s = Fold(t)
	}
	return foldLatin(s)
}

// foldSimple computes exactForm for the common word made only of ASCII
// letters and digits, Arabic letters (U+0621–U+064A), harakat, tatweel,
// superscript alef and Arabic-Indic digits, without going through NFKC,
// which leaves such text as it is once the marks are gone. It reports false
// for any other word. It returns word itself, with no copy, when there is
// nothing to fold.
func foldSimple(word string) (string, bool) {
	same := true
	for _, r := range word {
		switch {
		case r < utf8.RuneSelf:
			if 'A' <= r && r <= 'Z' {
				same = false
			} else if !('a' <= r && r <= 'z' || '0' <= r && r <= '9') {
				return "", false
			}
		case isStripped(r) || r >= '٠' && r <= '٩':
			same = false
		case r >= 'ء' && r <= 'ي':
			if foldArabicLetter(r) != r {
				same = false
			}
		default:
			return "", false
		}
	}
	if same {
		return word, true
	}
	b := make([]byte, 0, len(word))
	for _, r := range word {
		switch {
		case 'A' <= r && r <= 'Z':
			b = append(b, byte(r-'A'+'a'))
		case r < utf8.RuneSelf:
			b = append(b, byte(r))
		case isStripped(r):
		case r >= '٠' && r <= '٩':
			b = append(b, byte('0'+r-'٠'))
		default:
			b = utf8.AppendRune(b, foldArabicLetter(r))
		}
	}
	return string(b), true
}

// foldArabicLetter is Fold for one Arabic letter of U+0621–U+064A.
func foldArabicLetter(r rune) rune {
	switch r {
	case 'أ', 'إ', 'آ':
		return 'ا'
	case 'ى', 'ئ':
		return 'ي'
	case 'ة':
		return 'ه'
	case 'ؤ':
		return 'و'
	}
	return r
}

// keepWordRunes drops the runes of s that could not be part of a word.
func keepWordRunes(s string) string {
	for _, r := range s {
		if !isWordRune(r, utf8.RuneLen(r)) {
			return strings.Map(func(r rune) rune {
				if isWordRune(r, utf8.RuneLen(r)) {
					return r
				}
				return -1
			}, s)
		}
	}
	return s
}

// foldLatin removes accents from Latin letters, as Slugify does, so that
// "équipe" and "EQUIPE" meet: each Latin rune is decomposed (NFD) and its
// combining marks dropped, ligatures with an obvious ASCII spelling are
// spelled out (œ → oe, ß → ss), and combining marks that follow a Latin
// letter without composing with it are dropped too. Runes of other scripts
// are left as they are: decomposing Arabic would split أ into ا and a
// hamza.
func foldLatin(s string) string {
	if !hasNonASCIILatinOrMark(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	latinBase := false
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Latin, r):
			latinBase = true
			if r < utf8.RuneSelf {
				b.WriteRune(r)
				continue
			}
			for _, d := range norm.NFD.String(string(r)) {
				if unicode.Is(unicode.Mn, d) {
					continue
				}
				if lig, ok := latinLigature(d); ok {
					b.WriteString(lig)
					continue
				}
				b.WriteRune(d)
			}
		case latinBase && unicode.Is(unicode.Mn, r):
			// A mark on a Latin letter that NFKC could not compose.
		default:
			latinBase = false
			b.WriteRune(r)
		}
	}
	return b.String()
}

// hasNonASCIILatinOrMark reports whether foldLatin has anything to do: a
// Latin letter outside ASCII, or a combining mark that may follow one.
func hasNonASCIILatinOrMark(s string) bool {
	for _, r := range s {
		if r >= utf8.RuneSelf && (unicode.Is(unicode.Latin, r) || unicode.Is(unicode.Mn, r)) {
			return true
		}
	}
	return false
}

// hamzaAl reports whether a word as written begins with أل, إل or آل
// (diacritics and tatweel aside).
func hamzaAl(word string) bool {
	w := StripDiacritics(word)
	for _, p := range []string{"أل", "إل", "آل"} {
		if strings.HasPrefix(w, p) {
			return true
		}
	}
	return false
}
