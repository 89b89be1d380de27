// Package wordpress reads WordPress exports (WXR 1.0 to 1.2, as Tools →
// Export writes them, gzip-compressed or not) one record at a time, and
// turns WordPress post bodies into the HTML the Midad editor edits. It
// knows nothing of storage: the importer decides what becomes what.
package wordpress

import (
	"bufio"
	"compress/gzip"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// DefaultMaxField is the longest field (a post's body, a meta value) the
// reader keeps; a longer one is cut and its item marked Oversized.
const DefaultMaxField = 16 << 20

// Site is what the export's channel says about the site it came from.
type Site struct {
	Title       string
	Link        string
	Description string
	Language    string
	WXRVersion  string
	BaseSiteURL string
	BaseBlogURL string
	// Permalink is the site's permalink structure as far as the posts
	// read so far show it (see InferPermalink); WXR does not carry it.
	Permalink string
}

// Author is a wp:author of the channel.
type Author struct {
	ID          int64
	Login       string
	Email       string
	DisplayName string
	FirstName   string
	LastName    string
}

// Name is how the author signs: the display name, else first and last
// name, else the login.
func (a Author) Name() string {
	if n := strings.TrimSpace(a.DisplayName); n != "" {
		return n
	}
	if n := strings.TrimSpace(a.FirstName + " " + a.LastName); n != "" {
		return n
	}
	return a.Login
}

// Term is a category (Taxonomy "category"), a tag ("post_tag") or another
// taxonomy's term (wp:term: nav_menu, post_format…). Parent is the parent
// category's slug (wp:category_parent), "" at the top.
type Term struct {
	ID          int64
	Taxonomy    string
	Slug        string
	Name        string
	Parent      string
	Description string
	Oversized   bool
}

// ItemTerm is a <category> of an item: Domain is the taxonomy ("category",
// "post_tag", "post_format", "nav_menu"…), Slug its nicename.
type ItemTerm struct {
	Domain string
	Slug   string
	Name   string
}

// Meta is one wp:postmeta or wp:commentmeta.
type Meta struct {
	Key   string
	Value string
}

// Comment is a wp:comment of an item. Approved is "1", "0", "spam" or
// "trash"; Type is "" or "comment" for a comment, "pingback", "trackback".
type Comment struct {
	ID       int64
	Author   string
	Email    string
	URL      string
	IP       string
	Date     string // site time, "2006-01-02 15:04:05"
	DateGMT  string
	Content  string
	Approved string
	Type     string
	Parent   int64
	UserID   int64
	Meta     []Meta
}

// Item is one post, page, attachment, menu item… of the export.
type Item struct {
	ID            int64
	Type          string // post, page, attachment, nav_menu_item…
	Status        string // publish, draft, pending, future, private, trash, inherit, auto-draft
	Title         string
	Link          string
	GUID          string
	PubDate       string
	Creator       string // the author's login
	Content       string
	Excerpt       string
	Date          string // site time, "2006-01-02 15:04:05"
	DateGMT       string // "0000-00-00 00:00:00" for drafts never saved with a date
	Modified      string
	ModifiedGMT   string
	Name          string // the slug, percent-encoded when not ASCII
	Parent        int64
	MenuOrder     int
	Password      string
	Sticky        bool
	CommentStatus string
	AttachmentURL string
	Terms         []ItemTerm
	Meta          []Meta
	Comments      []Comment
	// Oversized is set when a field was longer than the reader's limit
	// and was cut: the item is not what the site had.
	Oversized bool
	// Line is where the item starts in the export, for reports.
	Line int
}

// MetaValue is the value of the item's first meta with key, "" if none.
func (it *Item) MetaValue(key string) string {
	for _, m := range it.Meta {
		if m.Key == key {
			return m.Value
		}
	}
	return ""
}

// Entry is one record of the export: exactly one field is set.
type Entry struct {
	Author *Author
	Term   *Term
	Item   *Item
}

// Options tune a Reader.
type Options struct {
	// MaxField is the longest field kept (DefaultMaxField when 0).
	MaxField int64
}

// Reader reads an export record by record, holding one record in memory.
type Reader struct {
	dec        *xml.Decoder
	lim        *fieldLimiter
	site       Site
	inChan     bool
	done       bool
	maxText    int64
	over       bool // a field of the current record was cut
	permalinks map[string]int
	parents    map[string]string // category slug → parent slug
}

// ErrDoctype is returned for an export declaring entities: WordPress never
// writes one, and expanding them is how an XML file eats memory (billion
// laughs) or reads files (external entities).
var ErrDoctype = errors.New("the export declares XML entities (a DOCTYPE with ENTITY), which a WordPress export never does: refused")

// NewReader reads the export from r, gunzipping it if it starts with the
// gzip magic bytes.
func NewReader(r io.Reader, opt Options) (*Reader, error) {
	if opt.MaxField <= 0 {
		opt.MaxField = DefaultMaxField
	}
	br := bufio.NewReader(r)
	if magic, _ := br.Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, fmt.Errorf("gzip: %w", err)
		}
		r = zr
	} else {
		r = br
	}
	lim := newFieldLimiter(r, opt.MaxField)
	dec := xml.NewDecoder(lim)
	// The XML entities and HTML's named ones (&nbsp; &eacute;, which some
	// exporters leave outside CDATA) are known, each one character or two:
	// any other is an error, never an expansion, and nothing outside the
	// file is ever read.
	dec.Strict = true
	dec.Entity = xml.HTMLEntity
	dec.CharsetReader = func(charset string, in io.Reader) (io.Reader, error) {
		switch strings.ToLower(charset) {
		case "utf-8", "utf8", "us-ascii", "ascii":
			return in, nil
		}
		return nil, fmt.Errorf("unsupported encoding %q: export as UTF-8", charset)
	}
	return &Reader{dec: dec, lim: lim, maxText: opt.MaxField}, nil
}

// Site is what the channel said about the site, so far: its fields come
// before the first item in every export WordPress writes.
func (r *Reader) Site() Site { return r.site }

// Next returns the next author, term or item; io.EOF after the last.
// Errors name the line and column where the export went wrong.
func (r *Reader) Next() (Entry, error) {
	if r.done {
		return Entry{}, io.EOF
	}
	for {
		tok, err := r.token()
		if err == io.EOF {
			r.done = true
			if !r.inChan {
				return Entry{}, io.EOF
			}
			return Entry{}, r.errorf("the export ends before its </channel>: truncated")
		}
		if err != nil {
			return Entry{}, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if !r.inChan {
				if t.Name.Local == "channel" {
					r.inChan = true
				} else if t.Name.Local != "rss" {
					return Entry{}, r.errorf("not a WordPress export: <%s> where <rss> or <channel> was expected", t.Name.Local)
				}
				continue
			}
			e, err := r.channelElement(t)
			if err != nil || e != (Entry{}) {
				return e, err
			}
		case xml.EndElement:
			if t.Name.Local == "channel" && r.inChan {
				r.inChan = false
				r.done = true
				// Whatever follows </channel> is not read: </rss> and
				// trailing space.
				return Entry{}, io.EOF
			}
		}
	}
}

// token is the decoder's next token, refusing entity declarations and
// turning errors into ones that say where.
func (r *Reader) token() (xml.Token, error) {
	tok, err := r.dec.Token()
	if err == io.EOF {
		return nil, io.EOF
	}
	if err != nil {
		if errors.Is(err, io.ErrUnexpectedEOF) || strings.Contains(err.Error(), "unexpected EOF") {
			return nil, r.errorf("the export ends in the middle of an element: truncated")
		}
		var se *xml.SyntaxError
		if errors.As(err, &se) {
			return nil, r.errorf("%s", se.Msg)
		}
		return nil, r.errorf("%v", err)
	}
	if d, ok := tok.(xml.Directive); ok {
		s := strings.ToUpper(string(d))
		if strings.Contains(s, "ENTITY") || strings.Contains(s, "SYSTEM") || strings.Contains(s, "PUBLIC") {
			return nil, r.errorf("%v", ErrDoctype)
		}
	}
	return tok, nil
}

// PositionError is a problem at a place in the export.
type PositionError struct {
	Line, Column int
	Msg          string
}

func (e *PositionError) Error() string {
	return fmt.Sprintf("export line %d, column %d: %s", e.Line, e.Column, e.Msg)
}

func (e *PositionError) Unwrap() error {
	if strings.Contains(e.Msg, ErrDoctype.Error()) {
		return ErrDoctype
	}
	return nil
}

func (r *Reader) errorf(format string, args ...any) error {
	line, col := r.dec.InputPos()
	return &PositionError{Line: line, Column: col, Msg: fmt.Sprintf(format, args...)}
}

// channelElement reads one child of <channel>: a site field is kept, a
// record returned.
func (r *Reader) channelElement(t xml.StartElement) (Entry, error) {
	ns := space(t.Name.Space)
	var field *string
	switch ns + ":" + t.Name.Local {
	case ":title":
		field = &r.site.Title
	case ":link":
		field = &r.site.Link
	case ":description":
		field = &r.site.Description
	case ":language":
		field = &r.site.Language
	case "wp:wxr_version":
		field = &r.site.WXRVersion
	case "wp:base_site_url":
		field = &r.site.BaseSiteURL
	case "wp:base_blog_url":
		field = &r.site.BaseBlogURL
	case "wp:author":
		a, err := r.author()
		return Entry{Author: a}, err
	case "wp:category", "wp:tag", "wp:term":
		tm, err := r.term(t.Name.Local)
		if err == nil && tm.Taxonomy == "category" && tm.Parent != "" && len(r.parents) < 100_000 {
			if r.parents == nil {
				r.parents = map[string]string{}
			}
			r.parents[tm.Slug] = tm.Parent
		}
		return Entry{Term: tm}, err
	case ":item":
		it, err := r.item()
		// The structure is the one most posts show so far: posts
		// written before a change of structure keep their old links.
		if p := inferPermalink(it, r.site.BaseBlogURL, r.parents); err == nil && p != "" {
			if r.permalinks == nil {
				r.permalinks = map[string]int{}
			}
			r.permalinks[p]++
			if r.permalinks[p] > r.permalinks[r.site.Permalink] {
				r.site.Permalink = p
			}
		}
		return Entry{Item: it}, err
	}
	if field != nil {
		s, _, err := r.text()
		*field = strings.TrimSpace(s)
		return Entry{}, err
	}
	return Entry{}, r.dec.Skip()
}

// space names the namespaces of WXR by their usual prefix, whatever their
// version or scheme (http or https, export/1.0 to 1.2).
func space(uri string) string {
	switch {
	case uri == "":
		return ""
	case strings.Contains(uri, "wordpress.org/export/") && strings.Contains(uri, "/excerpt"):
		return "excerpt"
	case strings.Contains(uri, "wordpress.org/export/"):
		return "wp"
	case strings.Contains(uri, "purl.org/rss/1.0/modules/content"):
		return "content"
	case strings.Contains(uri, "purl.org/dc/elements"):
		return "dc"
	}
	return "other"
}

// text reads the character data up to the end of the current element,
// skipping any element inside it. oversized reports a field longer than the
// limit, cut there.
func (r *Reader) text() (s string, oversized bool, err error) {
	var b strings.Builder
	cuts := r.lim.cuts
	depth := 0
	for {
		tok, err := r.token()
		if err == io.EOF {
			return "", false, r.errorf("the export ends in the middle of an element: truncated")
		}
		if err != nil {
			return "", false, err
		}
		switch t := tok.(type) {
		case xml.CharData:
			if depth == 0 {
				if int64(b.Len()+len(t)) > r.maxText {
					oversized = true
					continue
				}
				b.Write(t)
			}
		case xml.StartElement:
			depth++
		case xml.EndElement:
			if depth == 0 {
				return b.String(), oversized || r.lim.cuts != cuts, nil
			}
			depth--
		}
	}
}

// fields reads the children of the current element up to its end, giving
// each start to set, which must consume the element: with r.str for a text,
// with a nested reader, or by skipping it (the default when it answers
// false).
func (r *Reader) fields(set func(t xml.StartElement, ns string) (bool, error)) error {
	for {
		tok, err := r.token()
		if err == io.EOF {
			return r.errorf("the export ends in the middle of an element: truncated")
		}
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			ok, err := set(t, space(t.Name.Space))
			if err != nil {
				return err
			}
			if !ok {
				if err := r.dec.Skip(); err != nil {
					return r.errorf("%v", err)
				}
			}
		case xml.EndElement:
			return nil
		}
	}
}

// str reads a text field into *dst, noting in r.over whether it was cut.
func (r *Reader) str(dst *string) (bool, error) {
	s, over, err := r.text()
	*dst = s
	r.over = r.over || over
	return true, err
}

// trimmed is str without the spaces around.
func (r *Reader) trimmed(dst *string) (bool, error) {
	ok, err := r.str(dst)
	*dst = strings.TrimSpace(*dst)
	return ok, err
}

// num reads a number field.
func (r *Reader) num(dst *int64) (bool, error) {
	var s string
	ok, err := r.str(&s)
	*dst = number(s)
	return ok, err
}

func (r *Reader) author() (*Author, error) {
	a := &Author{}
	err := r.fields(func(t xml.StartElement, ns string) (bool, error) {
		switch t.Name.Local {
		case "author_id":
			return r.num(&a.ID)
		case "author_login":
			return r.trimmed(&a.Login)
		case "author_email":
			return r.trimmed(&a.Email)
		case "author_display_name":
			return r.trimmed(&a.DisplayName)
		case "author_first_name":
			return r.trimmed(&a.FirstName)
		case "author_last_name":
			return r.trimmed(&a.LastName)
		}
		return false, nil
	})
	r.over = false
	return a, err
}

func (r *Reader) term(kind string) (*Term, error) {
	tm := &Term{}
	switch kind {
	case "category":
		tm.Taxonomy = "category"
	case "tag":
		tm.Taxonomy = "post_tag"
	}
	r.over = false
	err := r.fields(func(t xml.StartElement, ns string) (bool, error) {
		switch t.Name.Local {
		case "term_id":
			return r.num(&tm.ID)
		case "category_nicename", "tag_slug", "term_slug":
			return r.trimmed(&tm.Slug)
		case "cat_name", "tag_name", "term_name":
			return r.trimmed(&tm.Name)
		case "category_parent", "term_parent":
			return r.trimmed(&tm.Parent)
		case "category_description", "tag_description", "term_description":
			return r.str(&tm.Description)
		case "term_taxonomy":
			return r.trimmed(&tm.Taxonomy)
		}
		return false, nil
	})
	tm.Oversized, r.over = r.over, false
	return tm, err
}

func (r *Reader) item() (*Item, error) {
	line, _ := r.dec.InputPos()
	it := &Item{Line: line}
	r.over = false
	var sticky string
	var parent, order int64
	err := r.fields(func(t xml.StartElement, ns string) (bool, error) {
		switch ns + ":" + t.Name.Local {
		case ":title":
			return r.str(&it.Title)
		case ":link":
			return r.trimmed(&it.Link)
		case ":guid":
			return r.trimmed(&it.GUID)
		case ":pubDate":
			return r.trimmed(&it.PubDate)
		case ":category":
			tm := ItemTerm{}
			for _, a := range t.Attr {
				switch a.Name.Local {
				case "domain":
					tm.Domain = a.Value
				case "nicename":
					tm.Slug = a.Value
				}
			}
			ok, err := r.trimmed(&tm.Name)
			if tm.Domain == "tag" { // WXR 1.0
				tm.Domain = "post_tag"
			}
			it.Terms = append(it.Terms, tm)
			return ok, err
		case "dc:creator":
			return r.trimmed(&it.Creator)
		case "content:encoded":
			return r.str(&it.Content)
		case "excerpt:encoded":
			return r.str(&it.Excerpt)
		case "wp:post_id":
			return r.num(&it.ID)
		case "wp:post_date":
			return r.trimmed(&it.Date)
		case "wp:post_date_gmt":
			return r.trimmed(&it.DateGMT)
		case "wp:post_modified":
			return r.trimmed(&it.Modified)
		case "wp:post_modified_gmt":
			return r.trimmed(&it.ModifiedGMT)
		case "wp:comment_status":
			return r.trimmed(&it.CommentStatus)
		case "wp:post_name":
			return r.trimmed(&it.Name)
		case "wp:status":
			return r.trimmed(&it.Status)
		case "wp:post_parent":
			return r.num(&parent)
		case "wp:menu_order":
			return r.num(&order)
		case "wp:post_type":
			return r.trimmed(&it.Type)
		case "wp:post_password":
			return r.str(&it.Password)
		case "wp:is_sticky":
			return r.trimmed(&sticky)
		case "wp:attachment_url":
			return r.trimmed(&it.AttachmentURL)
		case "wp:postmeta":
			m, err := r.meta()
			it.Meta = append(it.Meta, m)
			return true, err
		case "wp:comment":
			c, err := r.comment()
			it.Comments = append(it.Comments, c)
			return true, err
		}
		return false, nil
	})
	it.Parent, it.MenuOrder, it.Sticky = parent, int(order), sticky == "1"
	it.Oversized, r.over = r.over, false
	return it, err
}

func (r *Reader) meta() (Meta, error) {
	var m Meta
	err := r.fields(func(t xml.StartElement, ns string) (bool, error) {
		switch t.Name.Local {
		case "meta_key":
			return r.trimmed(&m.Key)
		case "meta_value":
			return r.str(&m.Value)
		}
		return false, nil
	})
	return m, err
}

func (r *Reader) comment() (Comment, error) {
	var c Comment
	err := r.fields(func(t xml.StartElement, ns string) (bool, error) {
		switch t.Name.Local {
		case "commentmeta":
			m, err := r.meta()
			c.Meta = append(c.Meta, m)
			return true, err
		case "comment_id":
			return r.num(&c.ID)
		case "comment_author":
			return r.trimmed(&c.Author)
		case "comment_author_email":
			return r.trimmed(&c.Email)
		case "comment_author_url":
			return r.trimmed(&c.URL)
		case "comment_author_IP":
			return r.trimmed(&c.IP)
		case "comment_date":
			return r.trimmed(&c.Date)
		case "comment_date_gmt":
			return r.trimmed(&c.DateGMT)
		case "comment_content":
			return r.str(&c.Content)
		case "comment_approved":
			return r.trimmed(&c.Approved)
		case "comment_type":
			return r.trimmed(&c.Type)
		case "comment_parent":
			return r.num(&c.Parent)
		case "comment_user_id":
			return r.num(&c.UserID)
		}
		return false, nil
	})
	return c, err
}

func number(s string) int64 {
	n, _ := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	return n
}
