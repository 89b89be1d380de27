package site

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/midad/midad/internal/feed"
	"github.com/midad/midad/internal/news"
	"github.com/midad/midad/internal/web/view"
)

// feedFormat is one of the three feed formats: its name in link titles,
// its media type, its address after a list's path ("" for the site's) and
// its writer.
type feedFormat struct {
	name  string
	mime  string
	path  string
	write func(io.Writer, *feed.Feed) error
}

var (
	rssFormat  = feedFormat{"RSS", "application/rss+xml", "/feed", feed.WriteRSS}
	atomFormat = feedFormat{"Atom", "application/atom+xml", "/atom.xml", feed.WriteAtom}
	jsonFormat = feedFormat{"JSON Feed", "application/feed+json", "/feed.json", feed.WriteJSON}
	// feedFormats are announced on pages in this order.
	feedFormats = []feedFormat{rssFormat, atomFormat, jsonFormat}
)

// feedKinds are the lists that have feeds of their own, by the first
// segment of their path.
var feedKinds = []string{"section", "author", "tag"}

// feedRoutes registers the site's feeds and every list's. "/feed/" is where
// readers' apps that knew a WordPress site look; "/rss.xml" where others do.
func (s *Site) feedRoutes(mux *http.ServeMux) {
	for _, p := range []string{"/feed", "/feed/{$}", "/rss.xml"} {
		mux.HandleFunc("GET "+p, s.feedHandler("", rssFormat))
	}
	mux.HandleFunc("GET /atom.xml", s.feedHandler("", atomFormat))
	mux.HandleFunc("GET /feed.json", s.feedHandler("", jsonFormat))
	for _, kind := range feedKinds {
		prefix := "GET /" + kind + "/{slug}"
		mux.HandleFunc(prefix+"/feed", s.feedHandler(kind, rssFormat))
		mux.HandleFunc(prefix+"/feed/{$}", s.feedHandler(kind, rssFormat))
		mux.HandleFunc(prefix+"/atom.xml", s.feedHandler(kind, atomFormat))
		mux.HandleFunc(prefix+"/feed.json", s.feedHandler(kind, jsonFormat))
	}
}

// feedLinks are the autodiscovery links of the feeds of a list (name and
// path empty: the site's), absolute when the site's base URL is known and
// from the root otherwise.
func (s *Site) feedLinks(set news.Settings, name, path string) []view.FeedLink {
	title := set.SiteName
	if name != "" {
		title += " — " + name
	}
	links := make([]view.FeedLink, len(feedFormats))
	for i, f := range feedFormats {
		links[i] = view.FeedLink{Type: f.mime, Title: title + " (" + f.name + ")", Href: s.baseURL + path + f.path}
	}
	return links
}

// feedList is what a feed lists: the whole site, or one section, author or
// tag.
type feedList struct {
	name    string // the section's, author's or tag's; "" for the site
	kindKey string // its kind's message key
	intro   string // the author's biography
	path    string // the list page's path; "" for the site
	filter  news.Filter
}

// feedList finds the list a feed request names; news.ErrNotFound for an
// unknown slug.
func (s *Site) feedList(ctx context.Context, kind, slug string) (feedList, error) {
	switch kind {
	case "section":
		sec, err := s.content.SectionBySlug(ctx, slug)
		return feedList{name: sec.Name, kindKey: "list.kind.section", path: view.SectionPath(sec),
			filter: news.Filter{SectionID: sec.ID}}, err
	case "author":
		a, err := s.content.AuthorBySlug(ctx, slug)
		return feedList{name: a.Name, kindKey: "list.kind.author", intro: a.Bio, path: view.AuthorPath(a),
			filter: news.Filter{AuthorID: a.ID}}, err
	case "tag":
		t, err := s.content.TagBySlug(ctx, slug)
		return feedList{name: t.Name, kindKey: "list.kind.tag", path: view.TagPath(t),
			filter: news.Filter{TagID: t.ID}}, err
	}
	return feedList{}, nil
}

// feedItems is the settings' number of articles per feed, kept within
// bounds even if stored settings were never validated.
func feedItems(set news.Settings) int {
	if set.FeedItems < 1 || set.FeedItems > news.MaxFeedItems {
		return news.DefaultSettings().FeedItems
	}
	return set.FeedItems
}

var feedBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// feedHandler serves one feed of one kind of list, newest articles first,
// ?page=N for older ones.
func (s *Site) feedHandler(kind string, format feedFormat) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		n, err := pageNumber(r)
		if err != nil {
			s.Fail(w, r, err)
			return
		}
		list, err := s.feedList(ctx, kind, r.PathValue("slug"))
		if err != nil {
			s.Fail(w, r, err)
			return
		}
		set, err := s.content.Settings(ctx)
		if err != nil {
			s.Fail(w, r, err)
			return
		}
		list.filter.Now = s.now()
		articles, more, err := s.content.PublishedPage(ctx, list.filter, news.Page{Number: n, Size: feedItems(set)})
		if err != nil {
			s.Fail(w, r, err)
			return
		}
		if n > 1 && len(articles) == 0 {
			s.Fail(w, r, news.ErrNotFound)
			return
		}
		f, err := s.buildFeed(r, set, list, format, articles, n, more)
		if err != nil {
			s.Fail(w, r, err)
			return
		}
		buf := feedBuffers.Get().(*bytes.Buffer)
		buf.Reset()
		defer feedBuffers.Put(buf)
		if err := format.write(buf, f); err != nil {
			s.Fail(w, r, err)
			return
		}
		s.writeFeed(w, r, format, buf.Bytes(), f.Updated)
	}
}

// writeFeed answers with the feed, or 304 when the client's copy is
// current: by ETag (a hash of the bytes) when it sends one, else by date.
func (s *Site) writeFeed(w http.ResponseWriter, r *http.Request, format feedFormat, body []byte, modified time.Time) {
	sum := sha256.Sum256(body)
	etag := `"` + hex.EncodeToString(sum[:16]) + `"`
	h := w.Header()
	h.Set("ETag", etag)
	if !modified.IsZero() {
		h.Set("Last-Modified", modified.UTC().Format(http.TimeFormat))
	}
	h.Set("Cache-Control", "public, max-age=300")
	if notModified(r, etag, modified) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	h.Set("Content-Type", format.mime+"; charset=utf-8")
	w.Write(body)
}

// notModified applies RFC 9110's order: If-None-Match, when present,
// decides alone; If-Modified-Since only without it.
func notModified(r *http.Request, etag string, modified time.Time) bool {
	if inm := r.Header.Get("If-None-Match"); inm != "" {
		for _, t := range strings.Split(inm, ",") {
			t = strings.TrimPrefix(strings.TrimSpace(t), "W/")
			if t == etag || t == "*" {
				return true
			}
		}
		return false
	}
	since, err := http.ParseTime(r.Header.Get("If-Modified-Since"))
	return err == nil && !modified.IsZero() && !modified.Truncate(time.Second).After(since)
}

// buildFeed turns a page of articles into the neutral feed model, with
// every address absolute and every time in the site's zone.
// Page n of the feed holds articles; more says whether older ones follow.
func (s *Site) buildFeed(r *http.Request, set news.Settings, list feedList, format feedFormat, articles []news.Article, n int, more bool) (*feed.Feed, error) {
	ctx := r.Context()
	root := s.canonical(r, "/")
	base, err := url.Parse(root)
	if err != nil {
		return nil, errors.Join(errBadRequest, err)
	}
	// The site's own paths are escaped already: joined, not parsed.
	origin := strings.TrimSuffix(root, "/")
	abs := func(path string) string { return origin + path }
	loc := dates(set).Loc
	if loc == nil {
		loc = time.UTC
	}
	f := &feed.Feed{
		Title:       set.SiteName,
		Description: set.Description,
		Link:        root,
		Language:    set.Lang,
		Generator:   "Midad",
		Publisher:   feed.Person{Name: set.SiteName, URL: root},
	}
	if list.path != "" {
		f.Title += " — " + list.name
		f.Link = abs(list.path)
		f.Language = feedLanguage(articles, set.Lang)
		f.Description = list.intro
		if f.Description == "" {
			f.Description = s.cat.T(f.Language, list.kindKey) + " " + list.name
		}
	}
	self := list.path + format.path
	f.Self = abs(view.PageURL(self, n))
	if more {
		f.Next = abs(view.PageURL(self, n+1))
	}
	if n > 1 {
		f.Prev = abs(view.PageURL(self, n-1))
	}
	if err := s.feedImages(ctx, set, f, abs); err != nil {
		return nil, err
	}
	full := set.FeedFullText
	f.Entries = make([]feed.Entry, 0, len(articles))
	for _, a := range articles {
		e := feedEntry(a, base, abs, loc, full, set.Lang)
		if e.Updated.After(f.Updated) {
			f.Updated = e.Updated
		}
		f.Entries = append(f.Entries, e)
	}
	return f, nil
}

// feedImages sets the feed's logo and icons from the settings' images; an
// image deleted since it was chosen is left out.
func (s *Site) feedImages(ctx context.Context, set news.Settings, f *feed.Feed, abs func(string) string) error {
	image := func(id int64) (news.Image, bool, error) {
		if id == 0 {
			return news.Image{}, false, nil
		}
		im, err := s.content.Image(ctx, id)
		if errors.Is(err, news.ErrNotFound) || (err == nil && len(im.Variants) == 0) {
			return im, false, nil
		}
		return im, err == nil, err
	}
	logo, ok, err := image(set.Logo)
	if err != nil {
		return err
	}
	if ok {
		// The smallest copy: RSS readers show logos small.
		v := logo.Variants[0]
		f.Logo = &feed.Image{URL: abs("/media/" + v.File), Type: logo.Type, Width: v.Width, Height: v.Height,
			Bytes: v.Bytes, Alt: logo.Alt}
		f.Icon = f.Logo.URL
	}
	icon, ok, err := image(set.Icon)
	if err != nil {
		return err
	}
	if ok {
		f.Icon = abs(icon.Src())
		f.FavIcon = abs("/media/" + icon.Variants[0].File)
	}
	return nil
}

// feedLanguage is a list's language: French when most of its articles are,
// the site's otherwise.
func feedLanguage(list []news.Article, site string) string {
	fr := 0
	for _, a := range list {
		if a.Lang == "fr" {
			fr++
		}
	}
	if len(list) > 0 && fr*2 > len(list) {
		return "fr"
	}
	return site
}

// feedEntry is an article as feeds carry it. Its id is the absolute /a/{id}
// address, which survives every change of slug.
func feedEntry(a news.Article, base *url.URL, abs func(string) string, loc *time.Location, full bool, siteLang string) feed.Entry {
	e := feed.Entry{
		ID:        abs(view.ArticleIDPath(a.ID)),
		Link:      abs(view.ArticlePath(a)),
		Title:     a.Headline,
		Summary:   a.Summary,
		Language:  a.Lang,
		Published: a.Published.In(loc),
		Updated:   a.Updated.In(loc),
	}
	if e.Language == "" {
		e.Language = siteLang
	}
	if e.Summary == "" {
		e.Summary = view.Excerpt(a.Body, 60)
	}
	if full {
		e.Content = feed.AbsoluteHTML(a.Body, base)
	}
	if e.Updated.Before(e.Published) {
		e.Updated = e.Published
	}
	for _, au := range a.Authors {
		e.Authors = append(e.Authors, feed.Person{Name: au.Name, URL: abs(view.AuthorPath(au))})
	}
	if a.Section.Name != "" {
		e.Categories = append(e.Categories, feed.Category{Name: a.Section.Name, Scheme: abs("/section/")})
	}
	for _, t := range a.Tags {
		e.Categories = append(e.Categories, feed.Category{Name: t.Name, Scheme: abs("/tag/")})
	}
	if im := a.Image; im.ID != 0 && len(im.Variants) > 0 {
		v := im.Variants[len(im.Variants)-1]
		size := v.Bytes
		if size == 0 && len(im.Variants) == 1 {
			size = im.Bytes // the only file: the image's total is its size
		}
		e.Image = &feed.Image{URL: abs("/media/" + v.File), Type: im.Type, Width: v.Width, Height: v.Height,
			Bytes: size, Alt: im.Alt, Credit: im.Credit}
	}
	return e
}
