package store

import (
	"strings"

	"github.com/ncruces/go-sqlite3/ext/fts5"
)

// midadTokenizer splits the index's pre-analyzed text at spaces. A word
// written "a|b|c" is a with b and c at the same position (FTS5 colocated
// tokens): a stem and the stems it may stand for without a clitic, so that
// a phrase matches through either. The analysis itself happened in Go
// before the text got here (see IndexText).
type midadTokenizer struct{}

func (midadTokenizer) Tokenize(_ fts5.TokenizeFlag, text, _ string, emit fts5.TokenCallback) error {
	at := 0
	for _, word := range strings.Split(text, " ") {
		start := at
		at += len(word) + 1
		if word == "" {
			continue
		}
		for i, part := range strings.Split(word, "|") {
			if part == "" {
				continue
			}
			var flags fts5.TokenFlag
			if i > 0 {
				flags = fts5.TOKEN_COLOCATED
			}
			if err := emit(flags, part, start, start+len(word)); err != nil {
				return err
			}
		}
	}
	return nil
}
