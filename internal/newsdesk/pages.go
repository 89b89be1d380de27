package newsdesk

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/midad/midad/internal/arabic"
	"github.com/midad/midad/internal/news"
)

// PageStore is what the static pages' desk keeps pages in.
type PageStore interface {
	Pages(ctx context.Context) ([]news.StaticPage, error)
	PageByID(ctx context.Context, id int64) (news.StaticPage, error)
	PageBySlug(ctx context.Context, slug string) (news.StaticPage, error)
	CreatePage(ctx context.Context, p *news.StaticPage) error
	UpdatePage(ctx context.Context, p *news.StaticPage) error
}

// Pages owns the newsroom's rules for static pages (about, contact…): only
// editors and admins write them, and a page without a slug gets one made
// from its title.
type Pages struct {
	st  PageStore
	now func() time.Time
}

// NewPages returns the static pages' desk over st; now is the clock
// (time.Now when nil).
func NewPages(st PageStore, now func() time.Time) *Pages {
	if now == nil {
		now = time.Now
	}
	return &Pages{st: st, now: now}
}

// PageInput is a static page as the newsroom's form sends it.
type PageInput struct {
	Version  int // the version the change was made from
	Title    string
	Slug     string
	Body     string
	Lang     string
	Status   news.Status
	InFooter bool
	Position int
}

// PageInputFrom fills the form with a stored page.
func PageInputFrom(p news.StaticPage) PageInput {
	return PageInput{Version: p.Version, Title: p.Title, Slug: p.Slug, Body: p.Body, Lang: p.Lang,
		Status: p.Status, InFooter: p.InFooter, Position: p.Position}
}

// MayEdit reports whether u may write static pages: they speak for the
// whole paper, so editors and admins only.
func (d *Pages) MayEdit(u news.User) bool { return u.Role.AtLeast(news.Editor) }

// List returns every page, drafts too.
func (d *Pages) List(ctx context.Context, u news.User) ([]news.StaticPage, error) {
	if !d.MayEdit(u) {
		return nil, ErrForbidden
	}
	return d.st.Pages(ctx)
}

// Page returns one page to edit.
func (d *Pages) Page(ctx context.Context, u news.User, id int64) (news.StaticPage, error) {
	if !d.MayEdit(u) {
		return news.StaticPage{}, ErrForbidden
	}
	return d.st.PageByID(ctx, id)
}

// Create stores a new page written by u.
func (d *Pages) Create(ctx context.Context, u news.User, in PageInput) (news.StaticPage, error) {
	if !d.MayEdit(u) {
		return news.StaticPage{}, ErrForbidden
	}
	p := news.StaticPage{CreatedBy: u.ID}
	if err := d.apply(ctx, &p, in); err != nil {
		return p, err
	}
	return p, d.st.CreatePage(ctx, &p)
}

// Update saves in over page id. in.Version must be the stored version, or
// nothing is written and news.ErrConflict is returned.
func (d *Pages) Update(ctx context.Context, u news.User, id int64, in PageInput) (news.StaticPage, error) {
	if !d.MayEdit(u) {
		return news.StaticPage{}, ErrForbidden
	}
	p, err := d.st.PageByID(ctx, id)
	if err != nil {
		return p, err
	}
	p.Version = in.Version
	if err := d.apply(ctx, &p, in); err != nil {
		return p, err
	}
	return p, d.st.UpdatePage(ctx, &p)
}

// apply copies the form onto p and checks it. An empty slug keeps the
// stored one (a page's address does not change by accident) or, for a new
// page, is made from the title, unique.
func (d *Pages) apply(ctx context.Context, p *news.StaticPage, in PageInput) error {
	p.Title = strings.TrimSpace(in.Title)
	for _, f := range []struct{ name, value string }{{"title", p.Title}, {"slug", in.Slug}} {
		if !utf8.ValidString(f.value) || strings.ContainsFunc(f.value, isControl) {
			return &news.FieldError{Field: f.name, Key: "error.field.invalid_text"}
		}
	}
	if slug := strings.TrimSpace(in.Slug); slug != "" {
		p.Slug = slug
	} else if p.ID == 0 || p.Slug == "" {
		var err error
		if p.Slug, err = d.freeSlug(ctx, arabic.Slugify(p.Title, 80)); err != nil {
			return err
		}
	}
	if p.Slug == "" && p.Title != "" {
		return &news.FieldError{Field: "slug", Key: "error.field.invalid_slug"}
	}
	p.Body, p.Lang, p.Status, p.InFooter, p.Position = in.Body, in.Lang, in.Status, in.InFooter, in.Position
	p.Updated = d.now().UTC().Truncate(time.Second)
	return p.Validate()
}

// freeSlug is base, or base-2, base-3… if a page has it already.
func (d *Pages) freeSlug(ctx context.Context, base string) (string, error) {
	if base == "" {
		return "", nil
	}
	slug := base
	for i := 2; i < 1000; i++ {
		_, err := d.st.PageBySlug(ctx, slug)
		if errors.Is(err, news.ErrNotFound) {
			return slug, nil
		}
		if err != nil {
			return "", err
		}
		slug = fmt.Sprintf("%s-%d", base, i)
	}
	return "", &news.FieldError{Field: "slug", Key: "error.field.page_slug_taken"}
}
