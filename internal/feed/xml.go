package feed

import (
	"bufio"
	"io"
	"strconv"
	"time"
	"unicode/utf8"
)

// xmlWriter writes XML by hand, streaming, with every text and attribute
// escaped in one place. The first error sticks and ends the writing.
type xmlWriter struct {
	w   *bufio.Writer
	err error
}

func newXMLWriter(w io.Writer) *xmlWriter {
	return &xmlWriter{w: bufio.NewWriterSize(w, 16<<10)}
}

func (x *xmlWriter) raw(s string) {
	if x.err == nil {
		_, x.err = x.w.WriteString(s)
	}
}

// text writes s escaped for character data, attr for an attribute value.
// Markup characters become references (quotes and line breaks too in an
// attribute, which would otherwise end or lose them), and what XML 1.0
// cannot hold at all (most control characters, invalid UTF-8) becomes
// U+FFFD: a headline with "]]>", bidi controls or emoji stays that text.
func (x *xmlWriter) text(s string) { x.escape(s, false) }

func (x *xmlWriter) escape(s string, attr bool) {
	if x.err != nil {
		return
	}
	last := 0
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		var esc string
		switch {
		case r == '&':
			esc = "&amp;"
		case r == '<':
			esc = "&lt;"
		case r == '>':
			esc = "&gt;"
		case attr && r == '"':
			esc = "&#34;"
		case attr && r == '\t':
			esc = "&#x9;"
		case attr && r == '\n':
			esc = "&#xA;"
		case r == '\r':
			esc = "&#xD;"
		case r == utf8.RuneError && size == 1, !xmlChar(r):
			esc = "\uFFFD"
		}
		if esc != "" {
			x.w.WriteString(s[last:i])
			x.w.WriteString(esc)
			last = i + size
		}
		i += size
	}
	_, x.err = x.w.WriteString(s[last:])
}

// xmlChar reports whether XML 1.0 allows r in a document.
func xmlChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D ||
		r >= 0x20 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
}

// elem writes <name>text</name>, or nothing when text is empty.
func (x *xmlWriter) elem(name, text string) {
	if text == "" {
		return
	}
	x.raw("<" + name + ">")
	x.text(text)
	x.raw("</" + name + ">\n")
}

// attr writes ` name="value"`, or nothing when value is empty.
func (x *xmlWriter) attr(name, value string) {
	if value == "" {
		return
	}
	x.raw(" " + name + `="`)
	x.escape(value, true)
	x.raw(`"`)
}

func (x *xmlWriter) intAttr(name string, n int64) {
	if n > 0 {
		x.attr(name, strconv.FormatInt(n, 10))
	}
}

func (x *xmlWriter) flush() error {
	if x.err != nil {
		return x.err
	}
	return x.w.Flush()
}

// rfc3339 is Atom's and JSON Feed's time, with its zone; "" for none.
func rfc3339(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.RFC3339)
}

// mediaContent writes the Media RSS description of an image, which both
// RSS and Atom carry: its type, size and dimensions, its alt text and its
// credit.
func (x *xmlWriter) mediaContent(im *Image) {
	x.raw(`<media:content medium="image"`)
	x.attr("url", im.URL)
	x.attr("type", im.Type)
	x.intAttr("width", int64(im.Width))
	x.intAttr("height", int64(im.Height))
	x.intAttr("fileSize", im.Bytes)
	x.raw(">")
	if im.Alt != "" {
		x.raw(`<media:description type="plain">`)
		x.text(im.Alt)
		x.raw(`</media:description>`)
	}
	x.elem("media:credit", im.Credit)
	x.raw("</media:content>\n")
}
