package view

// FeedLink is a feed announced in a page's head: its MIME type
// (application/rss+xml, application/atom+xml, application/feed+json),
// title and address (absolute with the site's base URL, from the root
// without one).
type FeedLink struct {
	Type  string
	Title string
	Href  string
}
