package view

import (
	"net/url"
	"strconv"

	"github.com/midad/midad/internal/news"
)

// The reader site's URLs, in one place: templates and handlers both build
// links here, so a link and its route cannot drift apart.

// ArticlePath is an article's canonical path; its slug may be Arabic.
func ArticlePath(a news.Article) string { return "/article/" + url.PathEscape(a.Slug) }

// ArticleIDPath is the stable path that survives slug changes and redirects
// to ArticlePath.
func ArticleIDPath(id int64) string { return "/a/" + strconv.FormatInt(id, 10) }

// SectionPath is a section page's path.
func SectionPath(s news.Section) string { return "/section/" + url.PathEscape(s.Slug) }

// AuthorPath is an author page's path.
func AuthorPath(a news.Author) string { return "/author/" + url.PathEscape(a.Slug) }

// TagPath is a tag page's path.
func TagPath(t news.Tag) string { return "/tag/" + url.PathEscape(t.Slug) }

// StaticPagePath is a static page's path (about, contact…); its slug may
// be Arabic.
func StaticPagePath(p news.StaticPage) string { return "/page/" + url.PathEscape(p.Slug) }

// PageURL is a list's path for page n; page 1 has no query.
func PageURL(path string, n int) string {
	if n <= 1 {
		return path
	}
	return path + "?page=" + strconv.Itoa(n)
}

// SearchPageURL adds page n to a search URL that already has a query.
func SearchPageURL(path string, n int) string {
	if n <= 1 {
		return path
	}
	return path + "&page=" + strconv.Itoa(n)
}
