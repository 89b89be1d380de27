// Package feed writes syndication feeds — RSS 2.0, Atom 1.0 and JSON Feed
// 1.1 — from one neutral model, so that the three formats cannot say
// different things about the same articles. It knows nothing of HTTP or
// storage: the web layer fills a Feed and picks a writer.
package feed

import (
	"errors"
	"time"
)

// Feed is a list of entries, newest first, with what every format says
// about the list itself. Every URL in it is absolute.
type Feed struct {
	Title       string
	Description string
	// Link is the page the feed follows (the site's front page, a
	// section's page).
	Link string
	// Self is the address of the feed being written, in its own format.
	Self string
	// Next and Prev are the addresses of the following (older) and
	// preceding (newer) pages of the feed, if any.
	Next, Prev string
	Language   string // "ar", "fr"
	// Logo is a wide picture naming the site; Icon a square one, FavIcon a
	// small one. Each is optional.
	Logo    *Image
	Icon    string
	FavIcon string
	// Updated is the time of the newest change among the entries.
	Updated   time.Time
	Generator string
	// Publisher is the site itself, named as the feed's author where a
	// format asks for one.
	Publisher Person
	Entries   []Entry
}

// Entry is one article in a feed.
type Entry struct {
	// ID names the article for ever, whatever its address becomes.
	ID    string
	Link  string
	Title string
	// Summary is plain text.
	Summary string
	// Content is the article's HTML, with absolute URLs; empty when the
	// feed carries summaries only.
	Content   string
	Language  string
	Published time.Time
	Updated   time.Time
	Authors   []Person
	// Categories are the section first, then the tags.
	Categories []Category
	Image      *Image
}

// Person is an author as feeds show one: a name and the address of their
// page, never an email.
type Person struct {
	Name string
	URL  string
}

// Category is a section or a tag: its name, and the address of the
// taxonomy it belongs to (the site's /section/ or /tag/), which is RSS's
// domain and Atom's scheme.
type Category struct {
	Name   string
	Scheme string
}

// Image is a picture with what feed readers need to show it without
// fetching it first.
type Image struct {
	URL    string
	Type   string // MIME type
	Width  int
	Height int
	// Bytes is the file's size; 0 when it is not known.
	Bytes int64
	Alt   string
	// Credit names who made the picture.
	Credit string
}

// Validate checks what every format requires of a feed: a title, a link, a
// self address, and for each entry an id, a title and a link.
func (f *Feed) Validate() error {
	if f.Title == "" || f.Link == "" || f.Self == "" {
		return errors.New("feed: title, link and self address are required")
	}
	for _, e := range f.Entries {
		if e.ID == "" || e.Title == "" || e.Link == "" {
			return errors.New("feed entry: id, title and link are required")
		}
	}
	return nil
}

// updated is the feed's own time: its Updated, or the newest entry's.
func (f *Feed) updated() time.Time {
	t := f.Updated
	for _, e := range f.Entries {
		if e.Updated.After(t) {
			t = e.Updated
		}
	}
	return t
}
