package wordpress

import (
	"html"
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"github.com/midad/midad/internal/richtext"
)

// Attachment is what a body needs to know of an attachment to show it.
type Attachment struct {
	URL     string
	Caption string
	Alt     string
}

// BodyOptions give ConvertBody what it cannot read in the body itself.
type BodyOptions struct {
	// Attachment finds an attachment by WordPress id, for [gallery ids=…].
	Attachment func(id int64) (Attachment, bool)
	// Children are the ids of the post's own attachments, which a
	// [gallery] without ids shows.
	Children []int64
}

// Body is a converted post body.
type Body struct {
	HTML string
	// Images are the addresses of the pictures it shows or links to that
	// were uploads of the old site (see UploadPath), each once, so that
	// the importer can bring the files over and point the body at them.
	Images []string
}

// ConvertBody turns a WordPress post body into the HTML the Midad editor
// edits: Gutenberg block comments go (their HTML stays), a classic body
// gets its paragraphs from blank lines as wpautop would, the common
// shortcodes become figures and links, and the whole is sanitized as every
// body is.
func ConvertBody(content string, opt BodyOptions) Body {
	s := strings.ReplaceAll(content, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	blocks := strings.Contains(s, "<!-- wp:")
	s = blockComment.ReplaceAllString(s, "")
	s = shortcodes(s, opt)
	// WordPress does not run wpautop over block content: the blocks carry
	// their own <p>.
	if !blocks {
		s = Autop(s)
	}
	s = richtext.Sanitize(s)
	return Body{HTML: s, Images: uploadRefs(s)}
}

var blockComment = regexp.MustCompile(`<!--\s*/?wp:[\s\S]*?-->`)

// blockTags are the elements wpautop leaves alone: no <p> is opened inside
// them or around them.
var blockTags = map[string]bool{
	"address": true, "article": true, "aside": true, "blockquote": true, "caption": true, "dd": true, "details": true,
	"div": true, "dl": true, "dt": true, "fieldset": true, "figcaption": true, "figure": true, "footer": true,
	"form": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true, "header": true, "hgroup": true,
	"hr": true, "iframe": true, "legend": true, "li": true, "main": true, "map": true, "math": true, "menu": true,
	"nav": true, "noscript": true, "ol": true, "p": true, "pre": true, "script": true, "section": true, "style": true,
	"summary": true, "table": true, "tbody": true, "td": true, "tfoot": true, "th": true, "thead": true, "tr": true,
	"ul": true, "video": true, "audio": true, "object": true, "embed": true, "select": true, "textarea": true,
}

var voidTags = map[string]bool{"hr": true, "br": true, "img": true, "embed": true, "input": true}

var tagRe = regexp.MustCompile(`<(/?)([a-zA-Z][a-zA-Z0-9]*)\b(?:[^>"']|"[^"]*"|'[^']*')*>`)

// Autop is WordPress's paragraph rule: outside block elements, text
// separated by a blank line is a paragraph of its own and a single line
// break is a <br>; a block element (a table, a list, a quote…) stands
// between paragraphs as it is, and nothing inside it is changed.
func Autop(s string) string {
	var out strings.Builder
	text := 0 // start of the inline text not yet written
	depth, open := 0, ""
	blockStart := 0
	for _, m := range tagRe.FindAllStringSubmatchIndex(s, -1) {
		closing := m[3] > m[2]
		name := strings.ToLower(s[m[4]:m[5]])
		if depth > 0 {
			if name == open {
				if closing {
					depth--
				} else if !strings.HasSuffix(s[m[0]:m[1]], "/>") {
					depth++
				}
				if depth == 0 {
					out.WriteString(s[blockStart:m[1]])
					out.WriteByte('\n')
					text = m[1]
				}
			}
			continue
		}
		if !blockTags[name] {
			continue
		}
		paragraphs(&out, s[text:m[0]])
		if closing || voidTags[name] || strings.HasSuffix(s[m[0]:m[1]], "/>") {
			// A lone closing tag or a void element stands as it is.
			if !closing {
				out.WriteString(s[m[0]:m[1]])
				out.WriteByte('\n')
			}
			text = m[1]
			continue
		}
		depth, open, blockStart = 1, name, m[0]
	}
	if depth > 0 { // never closed: kept as it is
		out.WriteString(s[blockStart:])
	} else {
		paragraphs(&out, s[text:])
	}
	return strings.TrimSpace(out.String())
}

var blankLine = regexp.MustCompile(`\n[ \t]*\n\s*`)

// paragraphs writes inline text as paragraphs, one per blank-line
// separated part, with single line breaks as <br>.
func paragraphs(out *strings.Builder, s string) {
	for _, p := range blankLine.Split(s, -1) {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		lines := strings.Split(p, "\n")
		for i := range lines {
			lines[i] = strings.TrimSpace(lines[i])
		}
		out.WriteString("<p>" + strings.Join(lines, "<br>\n") + "</p>\n")
	}
}

// shortcodeRe finds [name attrs] with its content and [/name] when it is
// closed; self-closing forms ([name /]) have no content.
var shortcodeRe = regexp.MustCompile(`\[(caption|wp_caption|gallery|embed|video|audio)\b((?:[^\]"']|"[^"]*"|'[^']*')*)\](?:([\s\S]*?)\[/(?:caption|wp_caption|gallery|embed|video|audio)\])?`)

var attrRe = regexp.MustCompile(`([a-zA-Z_][a-zA-Z0-9_-]*)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"']+))`)

func shortcodeAttrs(s string) map[string]string {
	a := map[string]string{}
	for _, m := range attrRe.FindAllStringSubmatch(s, -1) {
		a[strings.ToLower(m[1])] = html.UnescapeString(m[2] + m[3] + m[4])
	}
	return a
}

var (
	imgRe  = regexp.MustCompile(`(?i)<img\b(?:[^>"']|"[^"]*"|'[^']*')*>`)
	linkRe = regexp.MustCompile(`(?i)</?a\b(?:[^>"']|"[^"]*"|'[^']*')*>`)
	anyTag = regexp.MustCompile(`<[^>]*>`)
	// oembedLine is a line holding a bare address, which WordPress turns
	// into an embedded player.
	oembedLine = regexp.MustCompile(`(?m)^[ \t]*(https?://[^\s<>"]+)[ \t]*$`)
)

// shortcodes turns the common shortcodes into HTML the editor keeps.
func shortcodes(s string, opt BodyOptions) string {
	s = shortcodeRe.ReplaceAllStringFunc(s, func(m string) string {
		sub := shortcodeRe.FindStringSubmatch(m)
		name, attrs, inner := sub[1], shortcodeAttrs(sub[2]), sub[3]
		switch name {
		case "caption", "wp_caption":
			img := imgRe.FindString(inner)
			if img == "" {
				return inner
			}
			caption := attrs["caption"]
			if caption == "" {
				rest := linkRe.ReplaceAllString(strings.Replace(inner, img, "", 1), "")
				caption = strings.TrimSpace(html.UnescapeString(anyTag.ReplaceAllString(rest, "")))
			}
			return "\n\n" + figure(img, caption) + "\n\n"
		case "gallery":
			var ids []int64
			for _, f := range strings.Split(attrs["ids"]+","+attrs["include"], ",") {
				if id, err := strconv.ParseInt(strings.TrimSpace(f), 10, 64); err == nil && id > 0 {
					ids = append(ids, id)
				}
			}
			if len(ids) == 0 {
				ids = opt.Children
			}
			var b strings.Builder
			for _, id := range ids {
				if opt.Attachment == nil {
					break
				}
				if a, ok := opt.Attachment(id); ok {
					b.WriteString(figure(`<img src="`+html.EscapeString(a.URL)+`" alt="`+html.EscapeString(a.Alt)+`">`, a.Caption))
					b.WriteByte('\n')
				}
			}
			return "\n\n" + b.String() + "\n\n"
		case "embed":
			return "\n\n" + link(strings.TrimSpace(anyTag.ReplaceAllString(inner, ""))) + "\n\n"
		default: // video, audio: the editor has no player; a link to the file
			src := attrs["src"]
			for _, k := range []string{"mp4", "m4v", "webm", "ogv", "mp3", "m4a", "ogg", "wav"} {
				if src == "" {
					src = attrs[k]
				}
			}
			if src == "" {
				src = strings.TrimSpace(anyTag.ReplaceAllString(inner, ""))
			}
			return "\n\n" + link(src) + "\n\n"
		}
	})
	return oembedLine.ReplaceAllStringFunc(s, func(m string) string { return link(strings.TrimSpace(m)) })
}

// figure is the editor's figure: the picture, then its caption.
func figure(img, caption string) string {
	attrs := map[string]string{}
	for _, m := range attrRe.FindAllStringSubmatch(img, -1) {
		attrs[strings.ToLower(m[1])] = m[2] + m[3] + m[4]
	}
	var b strings.Builder
	b.WriteString(`<figure><img src="` + attrs["src"] + `" alt="` + attrs["alt"] + `"`)
	for _, k := range []string{"width", "height"} {
		if _, err := strconv.Atoi(attrs[k]); err == nil {
			b.WriteString(` ` + k + `="` + attrs[k] + `"`)
		}
	}
	b.WriteString(">")
	if caption = strings.TrimSpace(caption); caption != "" {
		b.WriteString("<figcaption>" + html.EscapeString(caption) + "</figcaption>")
	}
	b.WriteString("</figure>")
	return b.String()
}

// link is a paragraph holding a link to an address, for what the editor
// cannot embed (players, oEmbeds); "" for an address that is not http(s).
func link(addr string) string {
	u, err := url.Parse(addr)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	e := html.EscapeString(addr)
	return `<p><a href="` + e + `">` + e + `</a></p>`
}

var srcRe = regexp.MustCompile(`(?i)\s(src|href)="([^"]*)"`)

// uploadRefs lists the old site's uploads a body shows or links to.
func uploadRefs(s string) []string {
	var out []string
	seen := map[string]bool{}
	for _, m := range srcRe.FindAllStringSubmatch(s, -1) {
		u := html.UnescapeString(m[2])
		if _, ok := UploadPath(u); ok && !seen[u] {
			seen[u] = true
			out = append(out, u)
		}
	}
	return out
}

// UploadPath is the path of an upload of the old site under its uploads
// folder ("2013/09/photo.jpg"), read from its address: anything after
// /wp-content/uploads/ (the sites/N/ of a multisite too), or the path of a
// file on a WordPress.com files host. ok is false for any other address,
// and for a path that climbs out of the folder.
func UploadPath(addr string) (string, bool) {
	u, err := url.Parse(addr)
	if err != nil {
		return "", false
	}
	p := u.Path
	switch {
	case strings.Contains(p, "/wp-content/uploads/"):
		p = p[strings.Index(p, "/wp-content/uploads/")+len("/wp-content/uploads/"):]
	case strings.HasSuffix(u.Host, ".files.wordpress.com") || strings.HasSuffix(u.Host, ".wordpress.com") && strings.HasPrefix(p, "/files/"):
		p = strings.TrimPrefix(strings.TrimPrefix(p, "/"), "files/")
	default:
		return "", false
	}
	p = strings.TrimPrefix(p, "/")
	if p == "" || strings.HasSuffix(p, "/") {
		return "", false
	}
	for _, seg := range strings.Split(p, "/") {
		if seg == ".." || seg == "." || seg == "" {
			return "", false
		}
	}
	return p, true
}

// ReplaceURLs points a body's addresses elsewhere: each src and href that
// replace answers for is rewritten; an <img> whose src changes also gets
// the srcset replace gives for it. Used after the importer brought the
// uploads over.
func ReplaceURLs(body string, replace func(addr string) (src, srcset string, ok bool)) string {
	return imgOrLink.ReplaceAllStringFunc(body, func(tag string) string {
		var srcset string
		changed := false
		tag = srcRe.ReplaceAllStringFunc(tag, func(attr string) string {
			m := srcRe.FindStringSubmatch(attr)
			src, set, ok := replace(html.UnescapeString(m[2]))
			if !ok {
				return attr
			}
			changed = changed || strings.EqualFold(m[1], "src")
			if strings.EqualFold(m[1], "src") {
				srcset = set
			}
			return ` ` + m[1] + `="` + html.EscapeString(src) + `"`
		})
		if changed && srcset != "" && strings.HasPrefix(strings.ToLower(tag), "<img") {
			tag = srcsetRe.ReplaceAllString(tag, "")
			tag = strings.TrimSuffix(strings.TrimSuffix(tag, ">"), "/")
			tag += ` srcset="` + html.EscapeString(srcset) + `">`
		}
		return tag
	})
}

var (
	imgOrLink = regexp.MustCompile(`(?i)<(?:img|a)\b(?:[^>"']|"[^"]*"|'[^']*')*>`)
	srcsetRe  = regexp.MustCompile(`(?i)\ssrcset="[^"]*"`)
)
