package news

import "time"

// ArticleStamp is what a sitemap index needs of one visible article: when it
// was published and last changed, and its slug's length in characters, to
// bound the size of its sitemap entry.
type ArticleStamp struct {
	Published, Updated time.Time
	SlugRunes          int
}

// SitemapQuery selects the visible articles a sitemap lists: published at
// or after From (zero: no bound) and before To, visible at Now; Offset and
// Limit (0: no limit) take one part of them in publication order, oldest
// first or, with NewestFirst, newest first.
type SitemapQuery struct {
	Now, From, To time.Time
	Offset, Limit int
	NewestFirst   bool
	// Headlines asks for each article's headline and language too, which
	// are read from the articles' rows rather than an index: for the news
	// sitemap's thousand, not for a month's tens of thousands.
	Headlines bool
}

// SitemapArticle is what a sitemap says of one article. Image holds the
// featured image's variants only (none when the article has no image);
// Headline and Lang are empty unless the query asked for them.
type SitemapArticle struct {
	ID                 int64
	Slug, Headline     string
	Lang               string
	Published, Updated time.Time
	Image              Image
}

// ListingKind names the reader pages that list articles.
type ListingKind string

const (
	ListingFront   ListingKind = "front"
	ListingSection ListingKind = "section"
	ListingAuthor  ListingKind = "author"
	ListingTag     ListingKind = "tag"
)

// Listing is one list page of the site with the newest update among its
// visible articles; the front page has no slug.
type Listing struct {
	Kind    ListingKind
	Slug    string
	Updated time.Time
}
