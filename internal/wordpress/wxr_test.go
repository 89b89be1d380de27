package wordpress

import (
	"bytes"
	"compress/gzip"
	"errors"
	"io"
	"os"
	"runtime"
	"strings"
	"testing"
)

const themeUnitTest = "testdata/themeunittestdata.wordpress.xml"

func readAll(t *testing.T, r io.Reader, opt Options) (*Reader, []Entry, error) {
	t.Helper()
	rd, err := NewReader(r, opt)
	if err != nil {
		return nil, nil, err
	}
	var out []Entry
	for {
		e, err := rd.Next()
		if err == io.EOF {
			return rd, out, nil
		}
		if err != nil {
			return rd, out, err
		}
		out = append(out, e)
	}
}

// The theme unit test export holds what its README says.
func TestReadThemeUnitTest(t *testing.T) {
	f, err := os.Open(themeUnitTest)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rd, entries, err := readAll(t, f, Options{})
	if err != nil {
		t.Fatal(err)
	}
	counts := map[string]int{}
	cats := map[string]bool{}
	comments, sticky, threaded := 0, 0, 0
	var future, draft *Item
	for _, e := range entries {
		switch {
		case e.Author != nil:
			counts["author"]++
		case e.Term != nil:
			// A category may be listed twice, as wp:category and wp:term.
			if e.Term.Taxonomy == "category" {
				if cats[e.Term.Slug] {
					continue
				}
				cats[e.Term.Slug] = true
			}
			counts["term:"+e.Term.Taxonomy]++
		case e.Item != nil:
			counts[e.Item.Type]++
			comments += len(e.Item.Comments)
			for _, c := range e.Item.Comments {
				if c.Parent != 0 {
					threaded++
				}
			}
			if e.Item.Sticky {
				sticky++
			}
			if e.Item.Status == "future" {
				future = e.Item
			}
			if e.Item.Status == "draft" {
				draft = e.Item
			}
		}
	}
	want := map[string]int{"author": 2, "term:category": 68, "term:post_tag": 110, "post": 58, "page": 21,
		"attachment": 37, "nav_menu_item": 70}
	for k, n := range want {
		if counts[k] != n {
			t.Errorf("%s: %d, want %d", k, counts[k], n)
		}
	}
	if comments != 33 || sticky != 1 || threaded == 0 {
		t.Errorf("comments %d (threaded %d), sticky %d; want 33, some, 1", comments, threaded, sticky)
	}
	if future == nil || draft == nil {
		t.Fatal("no scheduled or no draft post")
	}
	s := rd.Site()
	if s.Title != "Theme Unit Test Data" || s.BaseBlogURL != "https://wpthemetestdata.wordpress.com" || s.Language != "en" || s.WXRVersion != "1.2" {
		t.Errorf("site %+v", s)
	}
	if s.Permalink != "/%year%/%monthnum%/%day%/%postname%/" {
		t.Errorf("permalink %q", s.Permalink)
	}
}

// Compressed exports are read as they are.
func TestReadGzip(t *testing.T) {
	raw, err := os.ReadFile(themeUnitTest)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(raw)
	zw.Close()
	_, entries, err := readAll(t, &buf, Options{})
	if err != nil || len(entries) < 300 {
		t.Fatalf("%d entries, %v", len(entries), err)
	}
}

func wxr(items string) string {
	return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>t</title><link>https://example.com</link><wp:base_blog_url>https://example.com</wp:base_blog_url>
` + items + `</channel></rss>`
}

// Hostile exports end in a clear error that says where, and read no file
// and expand no entity.
func TestReadHostile(t *testing.T) {
	laughs := `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>` +
		wxr(`<item><title>&lol2;</title></item>`)[len(`<?xml version="1.0" encoding="UTF-8"?>`):]
	external := `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>` +
		wxr(`<item><title>&xxe;</title></item>`)[len(`<?xml version="1.0" encoding="UTF-8"?>`):]
	full := wxr(`<item><title>ok</title><wp:post_id>1</wp:post_id></item>`)
	for _, c := range []struct {
		name, in, want string
	}{
		{"billion laughs", laughs, "ENTITY"},
		{"external entity", external, "ENTITY"},
		{"undeclared entity", wxr(`<item><title>&lol;</title></item>`), "entity"},
		{"invalid utf-8", wxr("<item><title>caf\xe9</title></item>"), "UTF-8"},
		{"truncated", full[:len(full)-40], "truncated"},
		{"truncated in channel", full[:strings.Index(full, "<item>")], "truncated"},
		{"not an export", `<html><body>hello</body></html>`, "not a WordPress export"},
		{"latin-1", `<?xml version="1.0" encoding="ISO-8859-1"?><rss><channel></channel></rss>`, "UTF-8"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, _, err := readAll(t, strings.NewReader(c.in), Options{})
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("error %v, want one about %q", err, c.want)
			}
			var pe *PositionError
			if c.name != "latin-1" && (!errors.As(err, &pe) || pe.Line == 0) {
				t.Errorf("error %v does not say where", err)
			}
		})
	}
}

// HTML's named entities outside CDATA are read as their characters.
func TestReadHTMLEntities(t *testing.T) {
	_, entries, err := readAll(t, strings.NewReader(wxr(`<item><title>caf&eacute;&nbsp;&amp; th&eacute;</title></item>`)), Options{})
	if err != nil || len(entries) != 1 || entries[0].Item.Title != "café\u00a0& thé" {
		t.Fatalf("%+v %v", entries, err)
	}
}

// zeros is an endless run of one byte, n long.
type repeat struct {
	b byte
	n int64
}

func (r *repeat) Read(p []byte) (int, error) {
	if r.n <= 0 {
		return 0, io.EOF
	}
	if int64(len(p)) > r.n {
		p = p[:r.n]
	}
	for i := range p {
		p[i] = r.b
	}
	r.n -= int64(len(p))
	return len(p), nil
}

// A field longer than the limit is cut and its item marked, and reading it
// takes memory for the limit, not for the field: a 100 MB body read with a
// 1 MB limit.
func TestReadHugeField(t *testing.T) {
	for _, cdata := range []bool{false, true} {
		open, closing := "<content:encoded>", "</content:encoded>"
		if cdata {
			open, closing = "<content:encoded><![CDATA[", "]]></content:encoded>"
		}
		head, tail, _ := strings.Cut(wxr(`<item><title>big</title>`+open+`@@`+closing+
			`<wp:post_id>7</wp:post_id></item><item><title>small</title><wp:post_id>8</wp:post_id></item>`), "@@")
		in := io.MultiReader(strings.NewReader(head+"é&amp;"), &repeat{'x', 100 << 20}, strings.NewReader(tail))
		var before runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		_, entries, err := readAll(t, in, Options{MaxField: 1 << 20})
		var after runtime.MemStats
		runtime.ReadMemStats(&after)
		if err != nil {
			t.Fatal(err)
		}
		if len(entries) != 2 || !entries[0].Item.Oversized || entries[1].Item.Oversized || entries[0].Item.ID != 7 || entries[1].Item.ID != 8 {
			t.Fatalf("entries %+v", entries)
		}
		if n := len(entries[0].Item.Content); n > 1<<20+8 || !strings.HasPrefix(entries[0].Item.Content, map[bool]string{false: "é&xx", true: "é&amp;xx"}[cdata]) {
			t.Errorf("kept %d bytes of the body (%.10q)", n, entries[0].Item.Content)
		}
		// Everything the reader allocated, garbage included, stays far
		// below the field's size.
		if got := after.TotalAlloc - before.TotalAlloc; got > 40<<20 {
			t.Errorf("allocated %d MB reading a 100 MB field", got>>20)
		}
	}
}

// A tag that never ends is an error, not a buffer that grows.
func TestReadHugeTag(t *testing.T) {
	head := wxr(`<item><title `)
	head = head[:strings.Index(head, "<item>")+len("<item><title ")]
	in := io.MultiReader(strings.NewReader(head), &repeat{'a', 10 << 20})
	_, _, err := readAll(t, in, Options{MaxField: 1 << 20})
	if err == nil || !strings.Contains(err.Error(), "markup longer") {
		t.Fatalf("error %v", err)
	}
}

func TestInferPermalink(t *testing.T) {
	for _, c := range []struct {
		link, name, date string
		cats             []string
		want             string
	}{
		{"https://x.com/2013/01/10/hello/", "hello", "2013-01-10 10:00:00", nil, "/%year%/%monthnum%/%day%/%postname%/"},
		{"https://x.com/hello/", "hello", "2013-01-10 10:00:00", nil, "/%postname%/"},
		{"https://x.com/archives/42", "hello", "2013-01-10 10:00:00", nil, "/archives/%post_id%"},
		{"https://x.com/?p=42", "hello", "2013-01-10 10:00:00", nil, ""},
		{"https://x.com/sport/foot/%D9%87%D8%AF%D9%81/", "%d9%87%d8%af%d9%81", "2013-01-10 10:00:00", []string{"sport", "foot"}, "/%category%/%postname%/"},
	} {
		it := &Item{ID: 42, Type: "post", Status: "publish", Link: c.link, Name: c.name, Date: c.date}
		for _, s := range c.cats {
			it.Terms = append(it.Terms, ItemTerm{Domain: "category", Slug: s})
		}
		if got := InferPermalink(it, "https://x.com"); got != c.want {
			t.Errorf("%s: %q, want %q", c.link, got, c.want)
		}
	}
}
