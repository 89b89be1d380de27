package feed

import (
	"net/url"
	"strings"

	"golang.org/x/net/html"
)

// AbsoluteHTML returns body with every link, image source and srcset
// candidate made absolute against base (the site's address): a feed is read
// far from the site, where "/media/…" leads nowhere. Everything else is
// copied byte for byte.
func AbsoluteHTML(body string, base *url.URL) string {
	if !strings.ContainsAny(body, "<") {
		return body
	}
	var b strings.Builder
	b.Grow(len(body) + len(body)/8)
	z := html.NewTokenizer(strings.NewReader(body))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break // io.EOF: the body is a string, nothing else can fail
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			b.Write(z.Raw())
			continue
		}
		raw := string(z.Raw())
		tok := z.Token()
		changed := false
		for i, a := range tok.Attr {
			var v string
			switch a.Key {
			case "href", "src", "cite":
				v = absolute(base, a.Val)
			case "srcset":
				v = absoluteSrcset(base, a.Val)
			default:
				continue
			}
			if v != a.Val {
				tok.Attr[i].Val = v
				changed = true
			}
		}
		if changed {
			b.WriteString(tok.String())
		} else {
			b.WriteString(raw)
		}
	}
	return b.String()
}

// absolute resolves ref against base; a reference that does not parse is
// left as it is (the sanitizer keeps only parseable ones).
func absolute(base *url.URL, ref string) string {
	ref = strings.TrimSpace(ref)
	if ref == "" || strings.HasPrefix(ref, "#") {
		return ref
	}
	u, err := url.Parse(ref)
	if err != nil || u.IsAbs() {
		return ref
	}
	return base.ResolveReference(u).String()
}

// absoluteSrcset resolves each candidate of a srcset ("url 480w, url 960w").
func absoluteSrcset(base *url.URL, set string) string {
	parts := strings.Split(set, ",")
	for i, p := range parts {
		fields := strings.Fields(p)
		if len(fields) == 0 {
			continue
		}
		fields[0] = absolute(base, fields[0])
		parts[i] = strings.Join(fields, " ")
	}
	return strings.Join(parts, ", ")
}
