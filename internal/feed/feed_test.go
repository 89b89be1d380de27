package feed

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"io"
	"net/url"
	"strings"
	"testing"
	"time"
)

func sample(title string) *Feed {
	at := time.Date(2026, 11, 29, 11, 0, 0, 0, time.FixedZone("+01", 3600))
	return &Feed{
		Title: "مداد", Link: "https://news.example.ma/", Self: "https://news.example.ma/feed", Language: "ar",
		Entries: []Entry{{
			ID: "https://news.example.ma/a/7", Link: "https://news.example.ma/article/x", Title: title,
			Summary: title, Content: "<p>" + title + "</p>", Published: at, Updated: at,
			Authors: []Person{{Name: title, URL: "https://news.example.ma/author/x"}},
			Image:   &Image{URL: "https://news.example.ma/media/x.jpg", Type: "image/jpeg", Width: 960, Height: 540, Alt: title},
		}},
	}
}

var writers = map[string]func(io.Writer, *Feed) error{"rss": WriteRSS, "atom": WriteAtom, "json": WriteJSON}

// TestTextSurvives checks that what a headline may hold comes back as the
// same text from every format, and that what XML cannot hold at all is
// replaced rather than breaking the document.
func TestTextSurvives(t *testing.T) {
	// JSON holds every character XML cannot, except invalid UTF-8.
	tests := []struct{ in, want, json string }{
		{"</script> \"q\" ]]> & 'x' \u202Eabc\u202C 🇲🇦", "</script> \"q\" ]]> & 'x' \u202Eabc\u202C 🇲🇦", ""},
		{"tab\there, line\nbreak", "tab\there, line\nbreak", ""},
		{"bell\x07 nul\x00 \uFFFE end", "bell\uFFFD nul\uFFFD \uFFFD end", "bell\x07 nul\x00 \uFFFE end"},
		{"bad \xff utf-8", "bad \uFFFD utf-8", ""},
	}
	for _, tt := range tests {
		for name, write := range writers {
			var buf bytes.Buffer
			if err := write(&buf, sample(tt.in)); err != nil {
				t.Fatal(err)
			}
			var got []string
			if name == "json" {
				var f struct {
					Items []struct {
						Title   string
						Authors []struct{ Name string }
					}
				}
				if err := json.Unmarshal(buf.Bytes(), &f); err != nil {
					t.Fatalf("%s: %v\n%s", name, err, buf.String())
				}
				got = []string{f.Items[0].Title, f.Items[0].Authors[0].Name}
			} else {
				// The feed's own title first, then the entry's title and author.
				got = xmlTexts(t, buf.Bytes(), "title", "name", "creator")[1:]
			}
			if len(got) != 2 {
				t.Fatalf("%s: found %q", name, got)
			}
			want := tt.want
			if name == "json" && tt.json != "" {
				want = tt.json
			}
			for _, g := range got {
				if g != want {
					t.Errorf("%s: %q came back as %q", name, tt.in, g)
				}
			}
		}
	}
}

// xmlTexts decodes doc strictly and returns the text of the elements with
// the given local names.
func xmlTexts(t *testing.T, doc []byte, names ...string) []string {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(doc))
	var out []string
	var in string
	var text strings.Builder
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatalf("not well-formed: %v\n%s", err, doc)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			for _, n := range names {
				if tok.Name.Local == n {
					in = n
					text.Reset()
				}
			}
		case xml.CharData:
			if in != "" {
				text.Write(tok)
			}
		case xml.EndElement:
			if tok.Name.Local == in {
				out = append(out, text.String())
				in = ""
			}
		}
	}
}

// TestUnknownImageSize checks that a size that is not known is not made
// up: RSS's required enclosure length is 0, and Media RSS's optional
// fileSize is left out.
func TestUnknownImageSize(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteRSS(&buf, sample("x")); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), `<enclosure url="https://news.example.ma/media/x.jpg" length="0" type="image/jpeg"/>`) ||
		strings.Contains(buf.String(), "fileSize") {
		t.Errorf("unknown size: %s", buf.String())
	}
	buf.Reset()
	WriteJSON(&buf, sample("x"))
	if strings.Contains(buf.String(), "size_in_bytes") {
		t.Errorf("JSON Feed gives an unknown size: %s", buf.String())
	}
}

func TestValidate(t *testing.T) {
	for name, write := range writers {
		f := sample("x")
		f.Entries[0].ID = ""
		if err := write(io.Discard, f); err == nil {
			t.Errorf("%s: an entry without id was written", name)
		}
		f = sample("x")
		f.Title = ""
		if err := write(io.Discard, f); err == nil {
			t.Errorf("%s: a feed without title was written", name)
		}
	}
}

func TestAbsoluteHTML(t *testing.T) {
	base, _ := url.Parse("https://news.example.ma/")
	tests := []struct{ in, want string }{
		{`<p>نص بلا روابط</p>`, `<p>نص بلا روابط</p>`},
		{`<p><a href="/section/sport">رياضة</a> &amp; <a href="https://example.org/">مصدر</a></p>`,
			`<p><a href="https://news.example.ma/section/sport">رياضة</a> &amp; <a href="https://example.org/">مصدر</a></p>`},
		{`<img src="/media/a-960.jpg" srcset="/media/a-480.jpg 480w, /media/a-960.jpg 960w" alt="صورة">`,
			`<img src="https://news.example.ma/media/a-960.jpg" srcset="https://news.example.ma/media/a-480.jpg 480w, https://news.example.ma/media/a-960.jpg 960w" alt="صورة">`},
		{`<a href="article/%D8%A3">أ</a>`, `<a href="https://news.example.ma/article/%D8%A3">أ</a>`},
		{`<a href="#note">١</a><a href="mailto:desk@example.ma">بريد</a>`, `<a href="#note">١</a><a href="mailto:desk@example.ma">بريد</a>`},
		{`<blockquote cite="/a/3"><p>«قول»</p></blockquote>`, `<blockquote cite="https://news.example.ma/a/3"><p>«قول»</p></blockquote>`},
	}
	for _, tt := range tests {
		if got := AbsoluteHTML(tt.in, base); got != tt.want {
			t.Errorf("AbsoluteHTML(%s)\n got %s\nwant %s", tt.in, got, tt.want)
		}
	}
}
