// Package newsdesk owns the newsroom's rules for articles: who may see,
// edit, submit, schedule and publish which article, the workflow between
// draft and unpublished, revisions and their comparison, and the scheduler
// that publishes articles at their time. The web layer only translates
// forms into Inputs and errors into pages.
package newsdesk

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"sync/atomic"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/midad/midad/internal/arabic"
	"github.com/midad/midad/internal/news"
)

// ErrForbidden is returned when an account may see an article but not do
// what it asked (a contributor publishing, say).
var ErrForbidden = errors.New("not allowed")

// Store is what the desk keeps articles in.
type Store interface {
	ArticleByID(ctx context.Context, id int64) (news.Article, error)
	CreateArticle(ctx context.Context, a *news.Article) error
	UpdateArticle(ctx context.Context, a *news.Article, by int64, note string) error
	DeskArticles(ctx context.Context, f news.DeskFilter, p news.Page) (news.ArticleList, error)
	Revisions(ctx context.Context, articleID int64) ([]news.Revision, error)
	Revision(ctx context.Context, articleID int64, version int) (news.Revision, error)
	DueArticles(ctx context.Context, now time.Time) ([]int64, error)
	ClaimEdit(ctx context.Context, articleID, userID int64, now, until time.Time) (int64, error)
	ReleaseEdit(ctx context.Context, articleID, userID int64) error
	EditHolder(ctx context.Context, articleID int64, now time.Time) (int64, error)
	Sections(ctx context.Context) ([]news.Section, error)
	Authors(ctx context.Context) ([]news.Author, error)
	AuthorByID(ctx context.Context, id int64) (news.Author, error)
	ArticleBySlug(ctx context.Context, slug string) (news.Article, error)
	UserByID(ctx context.Context, id int64) (news.User, error)
	TagBySlug(ctx context.Context, slug string) (news.Tag, error)
	Image(ctx context.Context, id int64) (news.Image, error)
	Images(ctx context.Context, limit int) ([]news.Image, error)
}

// Desk applies the newsroom's rules.
type Desk struct {
	st  Store
	log *slog.Logger
	now func() time.Time
	// runs and failures count the scheduler's runs (schedule.go).
	runs, failures atomic.Uint64
}

// New returns a desk over st; now is the clock (time.Now when nil).
func New(st Store, log *slog.Logger, now func() time.Time) *Desk {
	if now == nil {
		now = time.Now
	}
	return &Desk{st: st, log: log, now: now}
}

// Action is what a save asks for besides keeping the text.
type Action string

// The actions of the workflow.
const (
	Save      Action = "save"      // keep the status
	Submit    Action = "submit"    // draft → in review
	ToDraft   Action = "draft"     // back to draft (withdraw, send back, cancel a schedule)
	Schedule  Action = "schedule"  // → scheduled at Input.PublishAt
	Publish   Action = "publish"   // → published now (or keep the first publication time)
	Unpublish Action = "unpublish" // published → unpublished
)

// Input is an article as the editor's form sends it.
type Input struct {
	Version   int // the version the change was made from
	Kicker    string
	Headline  string
	Summary   string
	Body      string
	Slug      string
	Lang      string
	SectionID int64
	AuthorIDs []int64
	Tags      string // names separated by commas (, or ،)
	ImageID   int64
	Breaking  bool
	PublishAt time.Time // for Schedule
	// What search engines and share cards show instead of the headline,
	// the summary and the featured image; empty (0) falls back to those.
	SEOTitle       string
	SEODescription string
	SocialImageID  int64
}

// Limits on what the form may carry besides the article's own fields.
const (
	MaxTags    = 12
	MaxTagLen  = 60
	MaxAuthors = 8
	// lockFor is how long opening the editor claims an article.
	lockFor = 10 * time.Minute
)

// Rights are what an account may do with one article.
type Rights struct {
	Edit     bool
	Publish  bool // schedule, publish, unpublish
	Breaking bool // flag as breaking news
}

// RightsOn tells what u may do with a. Editors and admins may do
// everything; others only with their own articles: authors publish them,
// contributors edit them until they are scheduled or published.
func RightsOn(u news.User, a news.Article) Rights {
	if u.Role.AtLeast(news.Editor) {
		return Rights{Edit: true, Publish: true, Breaking: true}
	}
	own := a.CreatedBy != 0 && a.CreatedBy == u.ID
	if !own {
		return Rights{}
	}
	if u.Role.AtLeast(news.AuthorRole) {
		return Rights{Edit: true, Publish: true}
	}
	if u.Role == news.Contributor {
		return Rights{Edit: a.Status == news.Draft || a.Status == news.InReview}
	}
	return Rights{}
}

// canSee reports whether u may open a at all; others get news.ErrNotFound,
// so an id tried in an address says nothing about what exists.
func canSee(u news.User, a news.Article) bool {
	return u.Role.AtLeast(news.Editor) || (a.CreatedBy != 0 && a.CreatedBy == u.ID)
}

// Article returns the article if u may see it.
func (d *Desk) Article(ctx context.Context, u news.User, id int64) (news.Article, error) {
	a, err := d.st.ArticleByID(ctx, id)
	if err != nil {
		return a, err
	}
	if !canSee(u, a) {
		return news.Article{}, news.ErrNotFound
	}
	return a, nil
}

// Open returns the article for editing and the other account that has it
// open, if any. It changes nothing: Claim does.
func (d *Desk) Open(ctx context.Context, u news.User, id int64) (a news.Article, holder news.User, err error) {
	if a, err = d.Article(ctx, u, id); err != nil {
		return a, holder, err
	}
	h, err := d.st.EditHolder(ctx, id, d.now())
	if err != nil {
		return a, holder, err
	}
	holder, err = d.holder(ctx, u, h)
	return a, holder, err
}

// Claim notes that u has the article open in the editor, for a while, and
// returns who else has it open, if anyone. Only a POST from the editor
// page's script claims: opening the page (a GET, which an image in a body
// could make an editor's browser send) does not.
func (d *Desk) Claim(ctx context.Context, u news.User, id int64) (holder news.User, err error) {
	a, err := d.Article(ctx, u, id)
	if err != nil || !RightsOn(u, a).Edit {
		return holder, err
	}
	now := d.now()
	h, err := d.st.ClaimEdit(ctx, id, u.ID, now, now.Add(lockFor))
	if err != nil {
		return holder, err
	}
	return d.holder(ctx, u, h)
}

// holder is the account h, unless it is u or nobody.
func (d *Desk) holder(ctx context.Context, u news.User, h int64) (news.User, error) {
	if h == u.ID || h == 0 {
		return news.User{}, nil
	}
	holder, err := d.st.UserByID(ctx, h)
	if errors.Is(err, news.ErrNotFound) {
		err = nil
	}
	return holder, err
}

// List returns the articles u may see, most recently changed first:
// editors see everyone's, others their own.
func (d *Desk) List(ctx context.Context, u news.User, status news.Status, p news.Page) (news.ArticleList, error) {
	f := news.DeskFilter{Status: status}
	if !u.Role.AtLeast(news.Editor) {
		f.CreatedBy = u.ID
	}
	return d.st.DeskArticles(ctx, f, p)
}

// Create stores a new article written by u, then applies act.
func (d *Desk) Create(ctx context.Context, u news.User, in Input, act Action) (news.Article, error) {
	a := news.Article{Status: news.Draft, CreatedBy: u.ID, Lang: "ar"}
	if err := d.apply(ctx, u, &a, in, act); err != nil {
		return a, err
	}
	if err := d.st.CreateArticle(ctx, &a); err != nil {
		return a, err
	}
	d.log.Info("article created", "article", a.ID, "user", u.ID, "status", a.Status)
	return a, nil
}

// Update saves u's change to article id, made from in.Version, then
// applies act. news.ErrConflict if someone saved in between; the article
// returned with it is the one that was not saved, for showing the
// difference.
func (d *Desk) Update(ctx context.Context, u news.User, id int64, in Input, act Action, note string) (news.Article, error) {
	a, err := d.Article(ctx, u, id)
	if err != nil {
		return a, err
	}
	if !RightsOn(u, a).Edit {
		return a, ErrForbidden
	}
	if err := d.apply(ctx, u, &a, in, act); err != nil {
		return a, err
	}
	a.Version = in.Version
	if err := d.st.UpdateArticle(ctx, &a, u.ID, note); err != nil {
		return a, err
	}
	// Saving, autosaves included, keeps the article claimed for a while.
	now := d.now()
	if _, err := d.st.ClaimEdit(ctx, id, u.ID, now, now.Add(lockFor)); err != nil {
		d.log.Warn("claiming article", "article", id, "err", err)
	}
	d.log.Info("article saved", "article", a.ID, "user", u.ID, "status", a.Status, "version", a.Version)
	return a, nil
}

// apply checks in and writes it into a, then moves a through the
// workflow as act asks, if u may.
func (d *Desk) apply(ctx context.Context, u news.User, a *news.Article, in Input, act Action) error {
	rights := RightsOn(u, *a)
	if a.ID == 0 { // a new article is u's own
		rights = RightsOn(u, news.Article{CreatedBy: u.ID, Status: news.Draft})
	}
	a.Kicker = strings.TrimSpace(in.Kicker)
	a.Headline = strings.TrimSpace(in.Headline)
	a.Summary = strings.TrimSpace(in.Summary)
	a.Body = in.Body
	a.SEOTitle = strings.Join(strings.Fields(in.SEOTitle), " ")
	a.SEODescription = strings.Join(strings.Fields(in.SEODescription), " ")
	for _, f := range []struct{ name, value string }{{"kicker", a.Kicker}, {"headline", a.Headline}, {"summary", a.Summary}, {"slug", in.Slug}, {"tags", in.Tags},
		{"seo_title", in.SEOTitle}, {"seo_description", in.SEODescription}} {
		if !utf8.ValidString(f.value) || strings.ContainsFunc(f.value, isControl) {
			return &news.FieldError{Field: f.name, Key: "error.field.invalid_text"}
		}
	}
	// An empty slug keeps the stored one (an article's address does not
	// change by accident) or, for a new article, is made from the
	// headline, unique.
	if slug := strings.TrimSpace(in.Slug); slug != "" {
		a.Slug = slug
	} else if a.ID == 0 || a.Slug == "" {
		var err error
		if a.Slug, err = d.freeSlug(ctx, arabic.Slugify(a.Headline, 80)); err != nil {
			return err
		}
	}
	if a.Slug == "" && a.Headline != "" {
		return &news.FieldError{Field: "slug", Key: "error.field.invalid_slug"}
	}
	a.Lang = in.Lang
	if err := d.section(ctx, a, in.SectionID); err != nil {
		return err
	}
	if err := d.bylines(ctx, u, a, in.AuthorIDs); err != nil {
		return err
	}
	if err := d.tags(ctx, a, in.Tags); err != nil {
		return err
	}
	if err := d.image(ctx, &a.Image, in.ImageID, "image"); err != nil {
		return err
	}
	if err := d.image(ctx, &a.SocialImage, in.SocialImageID, "social_image"); err != nil {
		return err
	}
	// Only editors flag breaking news; from anyone else the field changes
	// nothing.
	if rights.Breaking {
		a.Breaking = in.Breaking
	}
	now := d.now().UTC().Truncate(time.Second)
	if err := transition(a, act, rights, in.PublishAt, now); err != nil {
		return err
	}
	a.Updated = now
	return a.Validate()
}

// image sets *im to the library's image id (none for 0); an unknown id is
// an error of the form's field.
func (d *Desk) image(ctx context.Context, im *news.Image, id int64, field string) error {
	if id == im.ID {
		return nil
	}
	if id == 0 {
		*im = news.Image{}
		return nil
	}
	found, err := d.st.Image(ctx, id)
	if errors.Is(err, news.ErrNotFound) {
		return &news.FieldError{Field: field, Key: "error.field.invalid_image"}
	}
	if err != nil {
		return err
	}
	*im = found
	return nil
}

// freeSlug is base, or base-2, base-3… if an article has it already.
//
// Known leak (issue 13), and the design decided to close it: slugs are
// unique over every article, so a contributor learns from "slug taken", or
// from an automatic -2, that a draft or an embargoed article they cannot
// read has that address. No answer computed from hidden articles can be
// silent about them; the fix is that an address is reserved only when its
// article becomes visible: the unique index on articles.slug becomes a
// partial one over published articles (a migration, with the store's
// reads by slug choosing the published one), drafts may share a slug, and
// publishing is where a clash is resolved (by the publisher, who may see
// everything, or by a -2 made then).
func (d *Desk) freeSlug(ctx context.Context, base string) (string, error) {
	if base == "" {
		return "", nil
	}
	slug := base
	for i := 2; i < 1000; i++ {
		_, err := d.st.ArticleBySlug(ctx, slug)
		if errors.Is(err, news.ErrNotFound) {
			return slug, nil
		}
		if err != nil {
			return "", err
		}
		slug = fmt.Sprintf("%s-%d", base, i)
	}
	return "", &news.FieldError{Field: "slug", Key: "error.field.slug_taken"}
}

// transition moves a to the status act asks for, if rights allow it from
// a's current status.
func transition(a *news.Article, act Action, rights Rights, at, now time.Time) error {
	from := a.Status
	allowed := func(froms ...news.Status) bool { return slices.Contains(froms, from) }
	switch act {
	case Save, "":
		return nil
	case Submit:
		if !allowed(news.Draft, news.InReview) {
			return ErrForbidden
		}
		a.Status = news.InReview
	case ToDraft:
		if !allowed(news.InReview, news.Scheduled, news.Unpublished, news.Draft) {
			return ErrForbidden
		}
		if from == news.Scheduled && !rights.Publish {
			return ErrForbidden
		}
		if from == news.Scheduled {
			a.Published = time.Time{}
		}
		a.Status = news.Draft
	case Schedule:
		if !rights.Publish || !allowed(news.Draft, news.InReview, news.Scheduled, news.Unpublished) {
			return ErrForbidden
		}
		if at.IsZero() {
			return &news.FieldError{Field: "publish_at", Key: "error.field.required"}
		}
		if !at.After(now) {
			return &news.FieldError{Field: "publish_at", Key: "error.field.past"}
		}
		a.Status, a.Published = news.Scheduled, at.UTC().Truncate(time.Second)
	case Publish:
		if !rights.Publish || from == news.Published {
			return ErrForbidden
		}
		// A first publication is now; an unpublished article published
		// again keeps the time it first went out.
		if from != news.Unpublished || a.Published.IsZero() {
			a.Published = now
		}
		a.Status = news.Published
	case Unpublish:
		if !rights.Publish || from != news.Published {
			return ErrForbidden
		}
		a.Status = news.Unpublished
	default:
		return ErrForbidden
	}
	return nil
}

func isControl(r rune) bool { return unicode.IsControl(r) && r != '\n' && r != '\t' && r != '\r' }

func (d *Desk) section(ctx context.Context, a *news.Article, id int64) error {
	sections, err := d.st.Sections(ctx)
	if err != nil {
		return err
	}
	for _, s := range sections {
		if s.ID == id {
			a.Section = s
			return nil
		}
	}
	return &news.FieldError{Field: "section", Key: "error.field.required"}
}

// bylines sets the article's authors: the ones chosen, in order, or the
// account's own byline. Below editors, an account signs only as itself or
// keeps the bylines the article has: nobody publishes under a colleague's
// name without an editor.
func (d *Desk) bylines(ctx context.Context, u news.User, a *news.Article, ids []int64) error {
	if len(ids) > MaxAuthors {
		return &news.FieldError{Field: "authors", Key: "error.field.too_many"}
	}
	allowed := func(id int64) bool {
		return u.Role.AtLeast(news.Editor) || id == u.AuthorID ||
			slices.ContainsFunc(a.Authors, func(x news.Author) bool { return x.ID == id })
	}
	var chosen []news.Author
	for _, id := range ids {
		if slices.ContainsFunc(chosen, func(x news.Author) bool { return x.ID == id }) {
			continue
		}
		if !allowed(id) {
			return &news.FieldError{Field: "authors", Key: "error.field.invalid_author"}
		}
		au, err := d.st.AuthorByID(ctx, id)
		if errors.Is(err, news.ErrNotFound) {
			return &news.FieldError{Field: "authors", Key: "error.field.invalid_author"}
		}
		if err != nil {
			return err
		}
		chosen = append(chosen, au)
	}
	if len(chosen) == 0 {
		own, err := d.ownByline(ctx, u)
		if err != nil {
			return err
		}
		chosen = []news.Author{own}
	}
	a.Authors = chosen
	return nil
}

// ownByline is the author u signs as. The first time, it is a new author
// (ID 0) made from u's name, which the store creates with the article, in
// its transaction, and links to the account.
func (d *Desk) ownByline(ctx context.Context, u news.User) (news.Author, error) {
	if u.AuthorID != 0 {
		return d.st.AuthorByID(ctx, u.AuthorID)
	}
	slug := arabic.Slugify(u.Name, 60)
	if slug == "" {
		slug = "author"
	}
	return news.Author{Name: u.Name, Slug: slug}, nil
}

// Bylines lists the authors u may sign an article with: all of them for
// editors, otherwise u's own and those the article already has.
func (d *Desk) Bylines(ctx context.Context, u news.User, a news.Article) ([]news.Author, error) {
	all, err := d.st.Authors(ctx)
	if err != nil || u.Role.AtLeast(news.Editor) {
		return all, err
	}
	var out []news.Author
	for _, au := range all {
		if au.ID == u.AuthorID || slices.ContainsFunc(a.Authors, func(x news.Author) bool { return x.ID == au.ID }) {
			out = append(out, au)
		}
	}
	return out, nil
}

// tags finds the named tags; new ones (ID 0) are created by the store with
// the article, so a refused article leaves no tag behind.
func (d *Desk) tags(ctx context.Context, a *news.Article, names string) error {
	a.Tags = nil
	for _, name := range splitTags(names) {
		if utf8.RuneCountInString(name) > MaxTagLen {
			return &news.FieldError{Field: "tags", Key: "error.field.too_long"}
		}
		slug := arabic.Slugify(name, MaxTagLen)
		if slug == "" || slices.ContainsFunc(a.Tags, func(t news.Tag) bool { return t.Slug == slug }) {
			continue
		}
		if len(a.Tags) == MaxTags {
			return &news.FieldError{Field: "tags", Key: "error.field.too_many"}
		}
		t, err := d.st.TagBySlug(ctx, slug)
		if errors.Is(err, news.ErrNotFound) {
			t, err = news.Tag{Slug: slug, Name: name}, nil
		}
		if err != nil {
			return err
		}
		a.Tags = append(a.Tags, t)
	}
	return nil
}

// Images lists the latest uploaded images, to choose a featured one from.
func (d *Desk) Images(ctx context.Context, limit int) ([]news.Image, error) {
	return d.st.Images(ctx, limit)
}

// Release gives up u's claim on the article.
func (d *Desk) Release(ctx context.Context, u news.User, id int64) error {
	return d.st.ReleaseEdit(ctx, id, u.ID)
}
