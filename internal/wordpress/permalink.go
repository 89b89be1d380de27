package wordpress

import (
	"net/url"
	"strconv"
	"strings"
)

// InferPermalink guesses the site's permalink structure from one published
// post, since WXR does not carry the permalink_structure option: the path
// of the post's <link> (under the blog's base address) is compared segment
// by segment with what the post is — its date's year, month and day, its
// post_name, its id, the slugs of its categories — and each segment that
// matches becomes that tag: a link of /2013/01/10/hello/ for a post named
// "hello" of 10 January 2013 gives "/%year%/%monthnum%/%day%/%postname%/",
// /archives/123 gives "/archives/%post_id%", and a link with ?p=123 gives
// "" (plain addresses). The answer is "" too for an item that cannot tell
// (not a published post). The importer does not need it to keep links
// alive (each post's own <link> is redirected as it is); it is reported so
// that the person migrating sees what the old site used.
func InferPermalink(it *Item, baseURL string) string { return inferPermalink(it, baseURL, nil) }

// inferPermalink is InferPermalink knowing the categories' parents (slug →
// parent slug, as the export lists them), since %category% is the whole
// path of a nested category: /news/sport/a-post/ for a post filed in sport
// under news.
func inferPermalink(it *Item, baseURL string, parents map[string]string) string {
	if it == nil || it.Type != "post" || it.Status != "publish" || it.Link == "" {
		return ""
	}
	u, err := url.Parse(it.Link)
	if err != nil || u.Query().Get("p") != "" {
		return ""
	}
	path := u.Path
	if b, err := url.Parse(baseURL); err == nil && b.Path != "" && b.Path != "/" {
		path = strings.TrimPrefix(path, strings.TrimSuffix(b.Path, "/"))
	}
	trailing := strings.HasSuffix(path, "/")
	segs := strings.FieldsFunc(path, func(r rune) bool { return r == '/' })
	if len(segs) == 0 {
		return ""
	}
	year, month, day := "", "", ""
	if len(it.Date) >= 10 {
		year, month, day = it.Date[0:4], it.Date[5:7], it.Date[8:10]
	}
	name, _ := url.PathUnescape(it.Name)
	cats := map[string]bool{}
	for _, t := range it.Terms {
		if t.Domain == "category" {
			s, _ := url.PathUnescape(t.Slug)
			cats[strings.ToLower(s)] = true
			for p, n := parents[t.Slug], 0; p != "" && n < 20; p, n = parents[p], n+1 {
				d, _ := url.PathUnescape(p)
				cats[strings.ToLower(d)] = true
			}
		}
	}
	var out []string
	for _, seg := range segs {
		s, _ := url.PathUnescape(seg)
		tag := s
		switch {
		case s == year && year != "":
			tag = "%year%"
		case s == month && month != "" && len(out) > 0 && out[len(out)-1] == "%year%":
			tag = "%monthnum%"
		case s == day && day != "" && len(out) > 0 && out[len(out)-1] == "%monthnum%":
			tag = "%day%"
		case strings.EqualFold(s, name) && name != "":
			tag = "%postname%"
		case s == strconv.FormatInt(it.ID, 10):
			tag = "%post_id%"
		case cats[strings.ToLower(s)]:
			tag = "%category%"
			if len(out) > 0 && out[len(out)-1] == "%category%" { // a nested category's path
				continue
			}
		}
		out = append(out, tag)
	}
	p := "/" + strings.Join(out, "/")
	if trailing {
		p += "/"
	}
	return p
}
