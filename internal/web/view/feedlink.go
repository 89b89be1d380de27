package view

// FeedLink is a feed announced in a page's head: its MIME type
// (application/rss+xml, application/atom+xml, application/feed+json),
// title and absolute address.
type FeedLink struct {
	Type  string
	Title string
	Href  string
}
