package textdiff

import (
	"unicode"
	"unicode/utf8"
)

// tokenClass is what a token is made of; it decides where the next token
// starts.
type tokenClass int

const (
	classNone tokenClass = iota
	classSpace
	classWord
	classPunct
)

// tokenize cuts s into words, runs of white space and single punctuation
// marks, so that a fixed comma diffs as the comma alone and a changed word
// as that word. Every token is a substring of s and together they are s.
// A combining mark (harakat, shadda, superscript alef, any other Mn/Me/Mc
// rune) always stays with the rune before it, whatever that rune is, so a
// diff never separates a letter from its vowels; marks at the very start,
// with nothing before them, join the token after them.
func tokenize(s string) []string {
	toks := make([]string, 0, len(s)/4+1)
	start, class := 0, classNone
	for i, r := range s {
		c := runeClass(r)
		if c == classNone { // a combining mark: part of whatever came before
			continue
		}
		if c == classPunct && class == classWord && isNumberSeparator(r) && digitBefore(s, i) && digitAfter(s, i) {
			c = classWord // 2.5, 1,000, 10:30 stay one word
		}
		if class != classNone && (c != class || c == classPunct) {
			toks = append(toks, s[start:i])
			start = i
		}
		class = c
	}
	if start < len(s) {
		toks = append(toks, s[start:])
	}
	return toks
}

// runeClass sorts a rune; classNone means a combining mark, which joins the
// token before it.
func runeClass(r rune) tokenClass {
	switch {
	case r >= 0x0621 && r <= 0x064A: // Arabic letters, most of what is read here
		return classWord
	case isMark(r):
		return classNone
	case unicode.IsSpace(r):
		return classSpace
	case isPunct(r):
		return classPunct
	}
	return classWord
}

// isMark reports a combining mark. The Arabic harakat (U+064B–U+065F) and
// the superscript alef (U+0670) are listed explicitly because they are the
// marks that matter most here; the Unicode category M catches the rest.
func isMark(r rune) bool {
	switch {
	case r < 0x0300:
		return false
	case (r >= 0x064B && r <= 0x065F) || r == 0x0670:
		return true
	}
	return unicode.Is(unicode.M, r)
}

// isPunct lists the punctuation that gets a token of its own: Arabic and
// Latin sentence marks, quotes and brackets, dashes and the ellipsis. The
// double prime is there because Arabic typing uses it for a closing quote
// (“ميليبول قطر 2022″). The hyphen and apostrophes are left inside words
// (Jean-Luc, l’homme).
func isPunct(r rune) bool {
	switch r {
	case '،', '؛', '؟', '۔',
		'.', ',', ':', ';', '!', '?',
		'«', '»', '"', '“', '”', '„', '‹', '›', '″',
		'(', ')', '[', ']', '{', '}',
		'—', '–', '…':
		return true
	}
	return false
}

// isNumberSeparator reports the marks that sit inside numbers.
func isNumberSeparator(r rune) bool {
	return r == '.' || r == ',' || r == ':'
}

func digitBefore(s string, i int) bool {
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return unicode.IsDigit(r)
}

func digitAfter(s string, i int) bool {
	_, n := utf8.DecodeRuneInString(s[i:])
	r, _ := utf8.DecodeRuneInString(s[i+n:])
	return unicode.IsDigit(r)
}

// paragraphs cuts s after each newline, so that every piece keeps its own
// line break and together they are s. Combining marks right after a
// newline (never in sane text) stay with the line before, like in
// tokenize.
func paragraphs(s string) []string {
	var ps []string
	start := 0
	for i := 0; i < len(s); i++ {
		if s[i] != '\n' {
			continue
		}
		end := i + 1
		for end < len(s) {
			r, n := utf8.DecodeRuneInString(s[end:])
			if !isMark(r) {
				break
			}
			end += n
		}
		ps = append(ps, s[start:end])
		start = end
		i = end - 1
	}
	if start < len(s) {
		ps = append(ps, s[start:])
	}
	return ps
}
