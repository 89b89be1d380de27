package view

import (
	"bytes"
	"strings"
)

// minifyCSS drops the comments and the whitespace CSS does not need from
// a style sheet, and nothing else: strings are copied as they are, a run
// of whitespace becomes one space, and that space goes only beside { } ;
// , or after a colon, where it never separates two tokens (a descendant
// selector's space, "a :hover" or calc's "1px + 2px" keep theirs). The
// last ";" of a block goes too.
func minifyCSS(src string) string {
	b := make([]byte, 0, len(src))
	space := false // whitespace or a comment seen since the last output
	for i := 0; i < len(src); {
		c := src[i]
		switch {
		case c == '/' && i+1 < len(src) && src[i+1] == '*':
			end := strings.Index(src[i+2:], "*/")
			if end < 0 {
				i = len(src)
			} else {
				i += 2 + end + 2
			}
			space = true
			continue
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f':
			space = true
			i++
			continue
		case c == '"' || c == '\'':
			j := i + 1
			for j < len(src) && src[j] != c && src[j] != '\n' {
				if src[j] == '\\' {
					j++
				}
				j++
			}
			j = min(j+1, len(src))
			b = emit(b, &space, src[i:j])
			i = j
			continue
		}
		if c == '}' {
			b = bytes.TrimSuffix(b, []byte(";"))
		}
		b = emit(b, &space, src[i:i+1])
		i++
	}
	return string(b)
}

// emit writes tok, after one space if whitespace came before it and
// neither side is a place where whitespace means nothing.
func emit(b []byte, space *bool, tok string) []byte {
	if *space && len(b) > 0 {
		prev := b[len(b)-1]
		if !strings.ContainsRune("{};,:", rune(prev)) && !strings.ContainsRune("{};,", rune(tok[0])) {
			b = append(b, ' ')
		}
	}
	*space = false
	return append(b, tok...)
}
