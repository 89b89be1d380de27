// Package news holds Midad's domain: articles, sections, authors and tags,
// with the rules that hold whatever stores them. It imports neither net/http
// nor a database driver, so every layer can depend on it.
package news

import (
	"errors"
	"strings"
	"time"
	"unicode/utf8"
)

// ErrNotFound is returned by lookups that find nothing, so callers can answer
// "not found" without inspecting driver errors.
var ErrNotFound = errors.New("not found")

// ErrExists is returned when a value that must be unique (an account's
// email) is taken already.
var ErrExists = errors.New("already exists")

// ErrConflict is returned when an article was saved by someone else since
// the version an update was made from: nothing is overwritten.
var ErrConflict = errors.New("edited by someone else in the meantime")

// ErrRateLimited is returned when an author of comments has posted too many
// within the limits' window.
var ErrRateLimited = errors.New("rate limited")

// Status is an article's place in the editorial workflow.
type Status string

// The workflow states, in the order an article usually passes through them.
const (
	Draft       Status = "draft"
	InReview    Status = "review"
	Scheduled   Status = "scheduled"
	Published   Status = "published"
	Unpublished Status = "unpublished"
)

// Valid reports whether s is one of the workflow states.
func (s Status) Valid() bool {
	switch s {
	case Draft, InReview, Scheduled, Published, Unpublished:
		return true
	}
	return false
}

// Section is a part of the paper ("الأولى", "رياضة"); sections are shown in
// their Position order.
type Section struct {
	ID       int64
	Slug     string
	Name     string
	Position int
}

// Author is a person or an agency that signs articles. The name keeps its
// diacritics (ياسين قُطيب) for display.
type Author struct {
	ID   int64
	Slug string
	Name string
	Bio  string
}

// Tag is a free-form topic label.
type Tag struct {
	ID   int64
	Slug string
	Name string
}

// Article is one news story. Body is sanitized HTML: the store passes it
// through richtext.Sanitize before writing it, so templates may trust it.
type Article struct {
	ID        int64
	Slug      string
	Kicker    string
	Headline  string
	Summary   string
	Body      string
	Lang      string
	Status    Status
	Section   Section
	Authors   []Author
	Tags      []Tag
	Published time.Time
	Updated   time.Time
	// CommentsClosed stops new comments on this article.
	CommentsClosed bool
	// Version counts the article's saves; an update names the version it
	// was made from, and is refused if someone saved in between.
	Version int
	// CreatedBy is the newsroom account that owns the article (0 for
	// imported and demo articles, which only editors may change).
	CreatedBy int64
	// Breaking shows the article in the site's breaking-news banner while
	// it is visible.
	Breaking bool
	// Image is the featured image; its ID is 0 when there is none.
	Image Image
	// SEOTitle and SEODescription are what search engines and share cards
	// show instead of the headline and the summary; empty means those.
	SEOTitle       string
	SEODescription string
	// SocialImage is the picture of the article's share card instead of the
	// featured image; its ID is 0 when there is none.
	SocialImage Image
}

// Filter narrows a list of published articles. Now is required: articles
// published after it are not yet visible to readers.
type Filter struct {
	Now       time.Time
	SectionID int64
	AuthorID  int64
	TagID     int64
	ExcludeID int64 // leave this article out, e.g. the one being read
}

// Page asks for one page of a list; Number starts at 1.
type Page struct {
	Number int
	Size   int
}

// Offset is the number of items before the page.
func (p Page) Offset() int {
	if p.Number < 1 {
		return 0
	}
	return (p.Number - 1) * p.Size
}

// ArticleList is one page of articles and the total they were taken from.
type ArticleList struct {
	Articles []Article
	Total    int
	Page     Page
}

// Pages is the number of pages the total spans.
func (l ArticleList) Pages() int {
	if l.Page.Size <= 0 || l.Total == 0 {
		return 1
	}
	return (l.Total + l.Page.Size - 1) / l.Page.Size
}

// MaxSectionPosition bounds a section's place in the order.
const MaxSectionPosition = 1000

// Validate checks a section before it is stored: a name, and a slug that
// can stand in an address (Arabic allowed).
func (s *Section) Validate() error {
	name := strings.TrimSpace(s.Name)
	if name == "" || utf8.RuneCountInString(name) > 60 {
		return &FieldError{"name", "section.error.name"}
	}
	if s.Slug == "" || utf8.RuneCountInString(s.Slug) > 60 || strings.ContainsAny(s.Slug, "/?#% \t\n") {
		return &FieldError{"slug", "section.error.slug"}
	}
	return nil
}
