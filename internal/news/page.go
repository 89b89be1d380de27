package news

import "time"

// StaticPage is a static page of the site (about, contact, terms, advertise):
// written in the newsroom with the article editor, shown at its own
// address, linked from the footer when InFooter is set. Body is sanitized
// HTML, like an article's.
type StaticPage struct {
	ID       int64
	Slug     string
	Title    string
	Body     string
	Lang     string
	Status   Status // Draft or Published
	InFooter bool
	Position int // order in the footer
	Created  time.Time
	Updated  time.Time
}
