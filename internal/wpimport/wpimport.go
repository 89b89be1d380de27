// Package wpimport moves a WordPress site into Midad: authors, categories,
// tags, posts with their comments, pictures, and every old address as a
// redirect. It reads the export with package wordpress and writes through
// the store's import units, so that what it stores passes the same
// validation and sanitizer as the newsroom's articles, one post per
// transaction. Running it again updates what changed and skips the rest.
package wpimport

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io"
	"maps"
	"net/url"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/midad/midad/internal/arabic"
	"github.com/midad/midad/internal/media"
	"github.com/midad/midad/internal/news"
	"github.com/midad/midad/internal/store"
	"github.com/midad/midad/internal/wordpress"
	"golang.org/x/text/unicode/norm"
)

// version is mixed into every digest: a change to how things are imported
// makes a second run update them all.
const version = "wpimport/1"

// Store is what the import needs of the database.
type Store interface {
	Importer(ctx context.Context, dryRun bool) (*store.Importer, error)
	SaveImportReport(ctx context.Context, source string, dryRun bool, started, finished time.Time, report string) error
	Image(ctx context.Context, id int64) (news.Image, error)
}

// Uploader brings a picture in as an upload is (media.Service).
type Uploader interface {
	Upload(ctx context.Context, src io.Reader, meta media.Meta) (news.Image, error)
}

// Options tune an import.
type Options struct {
	// Uploads is a copy of the old site's wp-content/uploads folder; ""
	// when there is none, and then no picture comes across.
	Uploads string
	DryRun  bool
	// MaxField is the longest field read (wordpress.DefaultMaxField if 0).
	MaxField int64
	// Lang is the articles' language ("ar" or "fr"); from the export's
	// language when empty, "ar" when that is neither.
	Lang string
	// Progress, when set, is told how many items were imported so far,
	// after each one.
	Progress func(items int)
}

// Open opens the export, once per pass.
type Open func() (io.ReadCloser, error)

// Run imports the export. The report says what came across; err is set
// only when the import could not run at all (the database failing); a
// broken export is the report's Error, after a first pass that reads the
// whole export before anything is stored.
func Run(ctx context.Context, st Store, up Uploader, open Open, opt Options) (*Report, error) {
	rep := &Report{DryRun: opt.DryRun, Started: time.Now().UTC()}
	im := &run{st: st, up: up, opt: opt, rep: rep, ctx: ctx,
		atts: map[int64]*attachment{}, byPath: map[string]int64{}, children: map[int64][]int64{},
		cats: map[string]*category{}, catByID: map[int64]*category{}, tags: map[string]news.Tag{},
		authors: map[string]news.Author{}, images: map[string]int64{}, tagDone: map[string]bool{}, basePosition: -1}
	if err := im.scan(open); err != nil {
		rep.Error = err.Error()
		rep.Finished = time.Now().UTC()
		return rep, nil
	}
	if opt.Uploads != "" {
		root, err := os.OpenRoot(opt.Uploads)
		if err != nil {
			return rep, fmt.Errorf("uploads folder: %w", err)
		}
		defer root.Close()
		im.root = root
	}
	imp, err := st.Importer(ctx, opt.DryRun)
	if err != nil {
		return rep, err
	}
	im.imp = imp
	err = im.load(open)
	if cerr := imp.Close(); err == nil {
		err = cerr
	}
	rep.Finished = time.Now().UTC()
	var pe *wordpress.PositionError
	if errors.As(err, &pe) {
		rep.Error, err = err.Error(), nil
	}
	if err != nil {
		return rep, err
	}
	if !opt.DryRun {
		b, _ := json.Marshal(rep)
		if err := st.SaveImportReport(ctx, rep.Source, false, rep.Started, rep.Finished, string(b)); err != nil {
			return rep, err
		}
	}
	return rep, nil
}

type attachment struct {
	ID      int64
	URL     string
	Link    string
	Path    string // under the uploads folder
	Parent  int64
	Alt     string
	Caption string
	Title   string
	Hash    string
}

type category struct {
	Term     wordpress.Term
	Path     string // its archive path: parents' slugs and its own
	Position int    // in the order of the tree: each after its parent
	Section  news.Section
}

// run is one import's state. It holds the attachments' and categories'
// descriptions (small) across the export, never the posts.
type run struct {
	ctx  context.Context
	st   Store
	up   Uploader
	opt  Options
	rep  *Report
	imp  *store.Importer
	root *os.Root

	source   string
	lang     string
	offset   time.Duration // the site's time zone, from posts' local and GMT dates
	atts     map[int64]*attachment
	byPath   map[string]int64 // upload path → attachment
	children map[int64][]int64
	cats     map[string]*category // by slug
	catByID  map[int64]*category
	order    []*category
	loops    []wordpress.Term    // categories whose parents loop: not imported
	tags     map[string]news.Tag // by WordPress slug
	authors  map[string]news.Author
	authorID map[string]int64 // login → WordPress author id
	images   map[string]int64 // attachment:ID or upload:path → image id, 0 when none
	sticky   []int64

	tagDone map[string]bool // WordPress tag slugs counted
	items   int             // read in the second pass so far
	// basePosition is the last section's position before the import
	// (-1 until read).
	basePosition int
}

// scan is the first pass: it reads the whole export, so that a broken one
// is refused before anything is stored, and keeps what posts need from
// elsewhere in it: the attachments (a post may come before its pictures)
// and the categories' tree.
func (r *run) scan(open Open) error {
	f, err := open()
	if err != nil {
		return err
	}
	defer f.Close()
	rd, err := wordpress.NewReader(f, wordpress.Options{MaxField: r.opt.MaxField})
	if err != nil {
		return err
	}
	var cats []wordpress.Term
	r.authorID = map[string]int64{}
	for {
		e, err := rd.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		switch {
		case e.Author != nil:
			r.authorID[e.Author.Login] = e.Author.ID
		case e.Term != nil && e.Term.Taxonomy == "category":
			cats = append(cats, *e.Term)
		case e.Item != nil && e.Item.Type == "attachment":
			it := e.Item
			a := &attachment{ID: it.ID, URL: it.AttachmentURL, Link: it.Link, Parent: it.Parent, Title: it.Title,
				Alt: it.MetaValue("_wp_attachment_image_alt"), Caption: plain(it.Excerpt)}
			a.Path = it.MetaValue("_wp_attached_file") // an absolute one is refused, not made relative
			if p, ok := wordpress.UploadPath(a.URL); ok && a.Path == "" {
				a.Path = p
			}
			a.Hash = digest(a.URL, a.Path, a.Alt, a.Caption, a.Link)
			r.atts[it.ID] = a
			if p, ok := wordpress.UploadPath(a.URL); ok {
				r.byPath[p] = it.ID
			}
			if a.Path != "" {
				r.byPath[a.Path] = it.ID
			}
			if a.Parent != 0 {
				r.children[a.Parent] = append(r.children[a.Parent], it.ID)
			}
		}
	}
	site := rd.Site()
	r.rep.Site = site
	r.source = strings.TrimSuffix(firstOf(site.BaseBlogURL, site.Link, site.BaseSiteURL), "/")
	r.rep.Source = r.source
	r.lang = r.opt.Lang
	if r.lang == "" {
		r.lang = "ar"
		if strings.HasPrefix(strings.ToLower(site.Language), "fr") {
			r.lang = "fr"
		}
	}
	r.tree(cats)
	return nil
}

// tree orders the categories: each comes after its parent, children in
// the export's order, and its archive path is its parents' slugs and its
// own. A category listed twice (as wp:category and wp:term) counts once.
func (r *run) tree(list []wordpress.Term) {
	kids := map[string][]wordpress.Term{}
	seen := map[string]bool{}
	var roots []wordpress.Term
	known := map[string]bool{}
	for _, t := range list {
		known[t.Slug] = true
	}
	for _, t := range list {
		if seen[t.Slug] || t.Slug == "" {
			continue
		}
		seen[t.Slug] = true
		if t.Parent == "" || !known[t.Parent] || t.Parent == t.Slug {
			roots = append(roots, t)
		} else {
			kids[t.Parent] = append(kids[t.Parent], t)
		}
	}
	var walk func(t wordpress.Term, path string, depth int)
	walk = func(t wordpress.Term, path string, depth int) {
		if depth > 20 || r.cats[t.Slug] != nil { // a loop of parents
			return
		}
		c := &category{Term: t, Path: path + "/" + t.Slug, Position: len(r.order) + 1}
		r.cats[t.Slug] = c
		if t.ID != 0 {
			r.catByID[t.ID] = c
		}
		r.order = append(r.order, c)
		for _, k := range kids[t.Slug] {
			walk(k, c.Path, depth+1)
		}
	}
	for _, t := range roots {
		walk(t, "", 0)
	}
	for _, t := range list {
		if r.cats[t.Slug] == nil && t.Slug != "" && !slices.ContainsFunc(r.loops, func(x wordpress.Term) bool { return x.Slug == t.Slug }) {
			r.loops = append(r.loops, t)
		}
	}
}

// load is the second pass: everything is imported in the export's order.
func (r *run) load(open Open) error {
	f, err := open()
	if err != nil {
		return err
	}
	defer f.Close()
	rd, err := wordpress.NewReader(f, wordpress.Options{MaxField: r.opt.MaxField})
	if err != nil {
		return err
	}
	// The categories first, in their tree's order, wherever the export
	// lists them: each section then follows its parent, and no post comes
	// before its section.
	for _, c := range r.order {
		if err := r.category(c.Term.Slug); err != nil {
			return err
		}
	}
	for _, t := range r.loops {
		r.rep.skip("category", t.Slug, t.Name, "loop", "")
	}
	for {
		if err := r.ctx.Err(); err != nil {
			return err
		}
		e, err := rd.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		switch {
		case e.Author != nil:
			err = r.author(*e.Author)
		case e.Term != nil && e.Term.Taxonomy == "post_tag":
			r.tags[e.Term.Slug] = news.Tag{Slug: slug(e.Term.Slug, e.Term.Name, news.MaxSlug), Name: clip(plain(e.Term.Name), 100)}
		case e.Item != nil:
			err = r.item(e.Item)
			r.items++
			if r.opt.Progress != nil {
				r.opt.Progress(r.items)
			}
		}
		if err != nil {
			return err
		}
	}
	// Tags are made with the posts that carry them: one no post carried
	// is not made.
	for _, wp := range slices.Sorted(maps.Keys(r.tags)) {
		if !r.tagDone[wp] {
			r.rep.skip("tag", wp, r.tags[wp].Name, "unused", "")
		}
	}
	if len(r.sticky) > 0 {
		return r.imp.Do(r.ctx, func(tx *store.ImportTx) error { return tx.Feature(r.sticky...) })
	}
	return nil
}

// refused turns an error of one thing into a skip when it is about the
// thing (a refused field, a taken slug), and returns it when it is the
// database's.
func (r *run) refused(kind string, id any, title string, err error) error {
	var fe *news.FieldError
	var me *media.Error
	switch {
	case errors.As(err, &fe):
		r.rep.skip(kind, id, title, "refused", fe.Field+" ("+fe.Key+")")
	case errors.As(err, &me):
		r.rep.skip(kind, id, title, "picture_refused", me.Key)
	default:
		return fmt.Errorf("%s %v: %w", kind, id, err)
	}
	return nil
}

// errEdited leaves alone what an editor changed since it was imported.
var errEdited = errors.New("edited in the newsroom since it was imported: left as it is")

// outcome counts a thing imported, updated or unchanged.
func (r *run) outcome(kind string, found, changed bool) {
	c := r.rep.count(kind)
	switch {
	case !found:
		c.Imported++
	case changed:
		c.Updated++
	default:
		c.Unchanged++
	}
}

// author brings a WordPress author in as a byline and a newsroom account
// that is disabled and has no password: an admin enables or invites it.
func (r *run) author(a wordpress.Author) error {
	login := a.Login
	if login == "" {
		r.rep.skip("author", a.ID, a.DisplayName, "no_login", "")
		return nil
	}
	name := clip(plain(a.Name()), 100)
	h := digest(name, a.Email)
	var found, changed bool
	var au news.Author
	err := r.imp.Do(r.ctx, func(tx *store.ImportTx) error {
		k, ok, err := tx.Key(r.source, "author", login)
		if err != nil {
			return err
		}
		found = ok
		if ok {
			au, err = tx.AuthorByID(k.TargetID)
			if errors.Is(err, news.ErrNotFound) {
				found = false
			} else if err != nil {
				return err
			}
		}
		if found {
			changed = k.Hash != h
			if changed {
				au.Name = name
				if err := tx.UpdateAuthor(au); err != nil {
					return err
				}
			}
		} else {
			au = news.Author{Slug: slug(login, name, 60), Name: name}
			if err := tx.CreateAuthor(&au); err != nil {
				return err
			}
			if email := strings.ToLower(strings.TrimSpace(a.Email)); validEmail(email) {
				u := news.User{Email: email, Name: name, Role: news.Contributor}
				if err := tx.CreateDisabledUser(&u, au.ID); err != nil && !errors.Is(err, news.ErrExists) {
					return err
				}
			}
		}
		if err := r.redirect(tx, news.RedirectAuthor, au.ID, "", "/author/"+url.PathEscape(login)); err != nil {
			return err
		}
		if a.ID != 0 {
			if err := r.redirect(tx, news.RedirectAuthor, au.ID, "", "/?author="+strconv.FormatInt(a.ID, 10)); err != nil {
				return err
			}
		}
		return tx.PutKey(store.ImportKey{Source: r.source, Kind: "author", SourceID: login, TargetID: au.ID, Hash: h})
	})
	if err != nil {
		return r.refused("author", login, name, err)
	}
	r.authors[login] = au
	r.outcome("author", found, changed)
	return nil
}

// category brings a category in as a section of its own, placed after its
// parent's (see README: subsections are sections that follow their
// parent). A section with the same slug that was there already is used as
// it is.
func (r *run) category(wpSlug string) error {
	c := r.cats[wpSlug]
	if c == nil || c.Section.ID != 0 {
		return nil // under a loop of parents
	}
	t := c.Term
	name := clip(plain(t.Name), 60)
	if name == "" {
		name = t.Slug
	}
	sec := news.Section{Slug: slug(t.Slug, name, 60), Name: name}
	h := digest(sec.Slug, name, c.Path)
	var found, changed bool
	err := r.imp.Do(r.ctx, func(tx *store.ImportTx) error {
		k, ok, err := tx.Key(r.source, "category", t.Slug)
		if err != nil {
			return err
		}
		existing, err := tx.Section(sec.Slug)
		switch {
		case err == nil:
			found, changed = ok, ok && k.Hash != h
			if ok && changed && existing.Name != name {
				existing.Name = name
				if err := tx.UpdateSection(existing); err != nil {
					return err
				}
			}
			sec = existing
		case errors.Is(err, news.ErrNotFound):
			found = false
			if sec.Position, err = r.position(tx, c); err != nil {
				return err
			}
			if err := tx.CreateSection(&sec); err != nil {
				return err
			}
		default:
			return err
		}
		if err := r.redirect(tx, news.RedirectSection, sec.ID, "", "/category"+escapePath(c.Path)); err != nil {
			return err
		}
		if t.ID != 0 {
			if err := r.redirect(tx, news.RedirectSection, sec.ID, "", "/?cat="+strconv.FormatInt(t.ID, 10)); err != nil {
				return err
			}
		}
		return tx.PutKey(store.ImportKey{Source: r.source, Kind: "category", SourceID: t.Slug, TargetID: sec.ID, Hash: h})
	})
	if err != nil {
		return r.refused("category", t.Slug, name, err)
	}
	c.Section = sec
	r.outcome("category", found, changed)
	return nil
}

// position places a new section after the sections there before the
// import, in the categories' tree order, within the newsroom's bound on
// positions.
func (r *run) position(tx *store.ImportTx, c *category) (int, error) {
	if r.basePosition < 0 {
		n, err := tx.MaxSectionPosition()
		if err != nil {
			return 0, err
		}
		r.basePosition = n
	}
	return min(r.basePosition+c.Position, news.MaxSectionPosition), nil
}

// escapePath percent-encodes each segment of a path of slugs.
func escapePath(p string) string {
	segs := strings.Split(p, "/")
	for i, s := range segs {
		d, err := url.PathUnescape(s)
		if err == nil {
			s = d
		}
		segs[i] = url.PathEscape(s)
	}
	return strings.Join(segs, "/")
}

// redirect stores an old address of the thing; an address that is not
// one (the site's root) is passed over.
func (r *run) redirect(tx *store.ImportTx, kind news.RedirectKind, id int64, target, old string) error {
	u, err := url.Parse(old)
	if err != nil {
		return nil
	}
	key := news.RedirectKey(u.EscapedPath(), u.RawQuery)
	if key == "" || key == "/" {
		return nil
	}
	return tx.PutRedirect(news.Redirect{Path: key, Kind: kind, TargetID: id, Target: target})
}

// item imports one post, page or attachment; other types are reported.
func (r *run) item(it *wordpress.Item) error {
	kind := it.Type
	if it.Oversized {
		r.rep.skip(kind, it.ID, it.Title, "oversized", fmt.Sprintf("line %d", it.Line))
		r.skipComments(it, "parent_post")
		return nil
	}
	switch kind {
	case "post":
		return r.post(it)
	case "attachment":
		_, err := r.attachment(it.ID)
		return err
	case "page":
		return r.page(it)
	case "nav_menu_item":
		r.rep.skip(kind, it.ID, it.Title, "menu", "")
		return nil
	case "revision":
		r.rep.count(kind).Skipped++ // earlier versions of posts: not reported one by one
		return nil
	}
	r.rep.skip(kind, it.ID, it.Title, "type", kind)
	return nil
}

// skipComments reports the comments of an item that was not imported.
func (r *run) skipComments(it *wordpress.Item, reason string) {
	for _, c := range it.Comments {
		r.rep.skip("comment", c.ID, c.Author, reason, "")
	}
}

func firstOf(s ...string) string {
	for _, v := range s {
		if strings.TrimSpace(v) != "" {
			return strings.TrimSpace(v)
		}
	}
	return ""
}

// joinHash keeps, beside the digest of what was imported, the version the
// import left the article or page at: a later import that finds another
// version knows an editor changed it, and leaves it alone.
func joinHash(digest string, version int) string { return digest + "/" + strconv.Itoa(version) }

func splitHash(h string) (digest string, version int) {
	d, v, _ := strings.Cut(h, "/")
	n, _ := strconv.Atoi(v)
	return d, n
}

// digest is the hash of what was imported, for knowing whether it changed.
func digest(parts ...any) string {
	h := sha256.New()
	fmt.Fprint(h, version)
	for _, p := range parts {
		b, _ := json.Marshal(p)
		h.Write(b)
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}

var tagRe = regexp.MustCompile(`<[^>]*>`)

// plain is text without markup or entities, on one line.
func plain(s string) string {
	s = tagRe.ReplaceAllString(s, " ")
	s = html.UnescapeString(s)
	return strings.Join(strings.Fields(s), " ")
}

// clip cuts s to n characters, ending with … when cut.
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return strings.TrimSpace(string(r[:n-1])) + "…"
}

// slug makes a Midad slug from a WordPress one (percent-encoded when not
// ASCII), or from the name when the slug gives nothing.
func slug(wp, name string, max int) string {
	d, err := url.PathUnescape(wp)
	if err != nil {
		d = wp
	}
	if !utf8.ValidString(d) {
		d = wp
	}
	s := arabic.Slugify(norm.NFC.String(d), max)
	if s == "" {
		s = arabic.Slugify(name, max)
	}
	return s
}

func validEmail(s string) bool {
	at := strings.LastIndexByte(s, '@')
	return at > 0 && at < len(s)-1 && len(s) <= news.MaxCommentEmail && !strings.ContainsAny(s, " <>\"")
}
