package site

import (
	"strconv"
	"strings"

	"github.com/midad/midad/internal/news"
)

// Surrogate keys name what a page shows, so that a CDN told to purge a
// key drops exactly the pages that showed it: "article-ID" on the
// article's page and on every list that shows it, "section-SLUG",
// "author-SLUG", "tag-SLUG", "page-SLUG", "front", "search"; and "site"
// on every page, since the layout shows the settings, the sections and
// the breaking news.

func articleKeys(keys []string, list []news.Article) []string {
	for _, a := range list {
		keys = append(keys, "article-"+strconv.FormatInt(a.ID, 10))
	}
	return keys
}

// SurrogateKeys names the article, its section, bylines and tags.
func (p articlePage) SurrogateKeys() []string {
	keys := []string{"site", "article-" + strconv.FormatInt(p.Article.ID, 10), "section-" + p.Article.Section.Slug}
	for _, a := range p.Article.Authors {
		keys = append(keys, "author-"+a.Slug)
	}
	for _, t := range p.Article.Tags {
		keys = append(keys, "tag-"+t.Slug)
	}
	return articleKeys(keys, p.Related)
}

// SurrogateKeys names the list and the articles it shows.
func (p listPage) SurrogateKeys() []string {
	kind, slug, _ := strings.Cut(strings.TrimPrefix(p.Path, "/"), "/")
	return articleKeys([]string{"site", kind + "-" + slug}, p.List.Articles)
}

// SurrogateKeys names the front page and the articles it shows.
func (p frontPage) SurrogateKeys() []string {
	keys := []string{"site", "front"}
	if p.Lead != nil {
		keys = articleKeys(keys, []news.Article{*p.Lead})
	}
	keys = articleKeys(keys, p.Featured)
	for _, b := range p.Blocks {
		keys = articleKeys(append(keys, "section-"+b.Section.Slug), b.Articles)
	}
	return keys
}

// SurrogateKeys names search results: any published change may move them.
func (p searchView) SurrogateKeys() []string { return []string{"site", "search"} }

// SurrogateKeys names the static page.
func (p staticPage) SurrogateKeys() []string { return []string{"site", "page-" + p.Page.Slug} }
