// Package view renders Midad's pages from embedded templates. Everything is
// parsed once at start-up: New fails, and the server does not start, if a
// template or asset is broken.
package view

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"path"
	"strings"
	"sync"
	"time"

	"github.com/midad/midad/internal/i18n"
	"github.com/midad/midad/internal/news"
)

//go:embed templates
var templatesFS embed.FS

// Base is the part of every page's data that the layout reads.
type Base struct {
	Lang        string
	Dir         string
	Title       string // the page's own title; the layout adds the site name
	Description string
	Canonical   string // absolute URL of the page, if it has one
	Site        news.Settings
	Sections    []news.Section
	Dates       i18n.Dates
	Now         time.Time
	NoIndex     bool
	AdLabel     string // names ad slots for screen readers, in the page's language
	// Editor loads the newsroom's editor and autosave scripts.
	Editor bool
	// Breaking are the articles in the breaking-news banner.
	Breaking []news.Article
	// Preview marks an article page drawn for the newsroom, not readers.
	Preview bool
	// Feeds are the feeds the page announces for autodiscovery: the
	// site's, and the page's own (a section's, an author's, a tag's).
	Feeds []FeedLink
	// Card is what search engines and share cards read of the page:
	// OpenGraph, Twitter and JSON-LD.
	Card Card
	// Icons are the site's icons, manifest and theme colour.
	Icons Icons
	// FooterPages are the static pages linked from the footer.
	FooterPages []news.StaticPage
}

// AdBlockCheck reports whether the page should look for an ad blocker: only
// when the site shows ads and has a notice to show.
func (b Base) AdBlockCheck() bool {
	return len(b.Site.Ads) > 0 && b.Site.AdBlock.Title != ""
}

// Ad returns the ad slot at a position, for templates.
func (b Base) Ad(position string) *news.AdSlot {
	if a, ok := b.Site.AdAt(position); ok {
		return &a
	}
	return nil
}

// Renderer holds the parsed pages.
type Renderer struct {
	pages  map[string]*template.Template
	assets *Assets
	cat    *i18n.Catalog
}

// New parses every page template (templates/*.html except the layout) with
// the layout, and fingerprints the static assets.
func New(cat *i18n.Catalog) (*Renderer, error) {
	assets, err := newAssets()
	if err != nil {
		return nil, err
	}
	r := &Renderer{pages: map[string]*template.Template{}, assets: assets, cat: cat}
	funcs := r.funcs()
	// The layout comes with its partials, each in a file of its own: the
	// head's feed links, share card tags and icons, the footer's pages, and
	// the newsroom's rich-text editor and search/share fields.
	layout, err := template.New("layout.html").Funcs(funcs).ParseFS(templatesFS, "templates/layout.html", "templates/partials/*.html")
	if err != nil {
		return nil, fmt.Errorf("parse layout: %w", err)
	}
	names, err := fs.Glob(templatesFS, "templates/*.html")
	if err != nil {
		return nil, err
	}
	for _, name := range names {
		base := path.Base(name)
		if base == "layout.html" {
			continue
		}
		t, err := template.Must(layout.Clone()).ParseFS(templatesFS, name)
		if err != nil {
			return nil, fmt.Errorf("parse %s: %w", base, err)
		}
		r.pages[strings.TrimSuffix(base, ".html")] = t
	}
	return r, nil
}

// Assets returns the fingerprinted static files.
func (r *Renderer) Assets() *Assets { return r.assets }

var buffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// Render executes the named page into w. The page is rendered into a buffer
// first, so that a template error never leaves half a page behind.
func (r *Renderer) Render(w io.Writer, page string, data any) error {
	t, ok := r.pages[page]
	if !ok {
		return fmt.Errorf("no page template %q", page)
	}
	buf := buffers.Get().(*bytes.Buffer)
	buf.Reset()
	defer buffers.Put(buf)
	if err := t.ExecuteTemplate(buf, "layout.html", data); err != nil {
		return fmt.Errorf("render %s: %w", page, err)
	}
	_, err := w.Write(buf.Bytes())
	return err
}

func (r *Renderer) funcs() template.FuncMap {
	return template.FuncMap{
		"asset":         r.assets.URL,
		"t":             r.cat.T,
		"articleURL":    ArticlePath,
		"articleIDURL":  ArticleIDPath,
		"sectionURL":    SectionPath,
		"authorURL":     AuthorPath,
		"tagURL":        TagPath,
		"pageURL":       PageURL,
		"staticPageURL": StaticPagePath,
		"searchPageURL": SearchPageURL,
		"excerpt":       Excerpt,
		"iso":           func(t time.Time) string { return t.UTC().Format(time.RFC3339) },
		"trusted":       func(s string) template.HTML { return template.HTML(s) },
		"add":           func(a, b int) int { return a + b },
		"dir":           i18n.Dir,
		"list":          func(s ...string) []string { return s },
		"richText":      richText,
	}
}
