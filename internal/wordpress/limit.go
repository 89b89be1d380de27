package wordpress

import (
	"fmt"
	"io"
)

// fieldLimiter stands between the export and the XML decoder, which reads
// each run of text, CDATA section and comment into memory whole: a run
// longer than max is cut there (after finishing the character or entity it
// is in, so that what the decoder sees stays well-formed) and the rest of
// the run is dropped without being kept. cuts counts the runs cut, so that
// the reader can mark the item they were in as oversized. A tag longer than
// max is an error: nothing can be kept of it.
type fieldLimiter struct {
	r    io.Reader
	max  int64
	cuts int

	state    int   // inText, inTag, inCDATA, inComment
	run      int64 // bytes of the current run
	head     []byte
	prev     [2]byte // the two bytes before, for "]]>" and "-->"
	inEntity int     // bytes since an unclosed '&', 0 when none
	dropping bool
	off      int64 // bytes read so far
	in, out  []byte
	err      error
}

const (
	inText = iota
	inTag
	inCDATA
	inComment
)

func newFieldLimiter(r io.Reader, max int64) *fieldLimiter {
	return &fieldLimiter{r: r, max: max, in: make([]byte, 64<<10)}
}

func (l *fieldLimiter) Read(p []byte) (int, error) {
	for len(l.out) == 0 {
		if l.err != nil {
			return 0, l.err
		}
		n, err := l.r.Read(l.in)
		for _, b := range l.in[:n] {
			l.off++
			if ferr := l.step(b); ferr != nil {
				err = ferr
				break
			}
		}
		l.err = err
	}
	n := copy(p, l.out)
	l.out = l.out[n:]
	return n, nil
}

// step moves the state machine over one byte, adding to out what is kept.
func (l *fieldLimiter) step(b byte) error {
	prev := l.prev
	l.prev = [2]byte{prev[1], b}
	switch l.state {
	case inTag:
		l.out = append(l.out, b)
		l.run++
		if len(l.head) < 8 {
			l.head = append(l.head, b)
			switch string(l.head) {
			case "![CDATA[":
				l.state, l.run = inCDATA, 0
				return nil
			case "!--":
				l.state, l.run = inComment, 0
				return nil
			}
		}
		if b == '>' {
			l.state, l.run = inText, 0
			return nil
		}
		if l.run > l.max {
			return fmt.Errorf("markup longer than %d bytes at byte %d", l.max, l.off)
		}
		return nil
	case inCDATA, inComment:
		end := byte(']')
		if l.state == inComment {
			end = '-'
		}
		if b == '>' && prev[0] == end && prev[1] == end {
			if l.dropping {
				// The run's closing "]]" or "--" was dropped with it.
				l.out = append(l.out, end, end)
				l.dropping = false
			}
			l.out = append(l.out, b)
			l.state, l.run = inText, 0
			return nil
		}
		l.count(b)
		return nil
	default: // text
		if b == '<' {
			l.state, l.run, l.head, l.inEntity, l.dropping = inTag, 0, l.head[:0], 0, false
			l.out = append(l.out, b)
			return nil
		}
		if b == '&' {
			l.inEntity = 1
		} else if l.inEntity > 0 {
			l.inEntity++
			if b == ';' || l.inEntity > 40 {
				l.inEntity = 0
			}
		}
		l.count(b)
		return nil
	}
}

// count adds b to the current run and keeps it unless the run is past max:
// then only the end of the character or entity b is in is kept.
func (l *fieldLimiter) count(b byte) {
	if l.dropping {
		return
	}
	l.run++
	if l.run <= l.max || b&0xC0 == 0x80 || l.inEntity > 1 || l.inEntity == 1 && b == '&' {
		l.out = append(l.out, b)
		return
	}
	l.dropping = true
	l.cuts++
}
