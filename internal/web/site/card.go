package site

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"time"
	"unicode"

	"github.com/midad/midad/internal/news"
	"github.com/midad/midad/internal/web/view"
)

// What the reader pages tell search engines and share cards: OpenGraph and
// Twitter tags (templates/partials/card.html) from view.Card, and schema.org
// JSON-LD, NewsArticle and BreadcrumbList on articles, WebSite and
// NewsMediaOrganization on the front page. Every address in them is
// absolute.

// pageTitle is an article's <title> and card title: its search title when
// the newsroom wrote one, else its headline.
func pageTitle(a news.Article) string {
	if a.SEOTitle != "" {
		return a.SEOTitle
	}
	return a.Headline
}

// pageDescription is an article's meta description: its search description,
// else its summary, else its first words.
func pageDescription(a news.Article) string {
	switch {
	case a.SEODescription != "":
		return a.SEODescription
	case a.Summary != "":
		return a.Summary
	}
	return view.Excerpt(a.Body, 30)
}

// listDescription is the meta description of a section, author or tag
// page: its own text (an author's biography), else what it lists, so that
// no two lists describe themselves alike.
func (s *Site) listDescription(b view.Base, kindKey, heading, intro string) string {
	if intro != "" {
		return intro
	}
	key := map[string]string{"list.kind.section": "card.list.section", "list.kind.author": "card.list.author",
		"list.kind.tag": "card.list.tag"}[kindKey]
	if key == "" {
		return b.Description
	}
	return s.cat.T(b.Lang, key) + " " + heading + " — " + b.Site.SiteName
}

// card fills the share card of a page that is not an article: the site's
// share image and Twitter handle.
func (s *Site) card(ctx context.Context, r *http.Request, b *view.Base) error {
	b.Card.Type = "website"
	b.Card.Twitter = twitterHandle(b.Site.Twitter)
	im, err := s.siteImage(ctx, b.Site.ShareImage)
	if err != nil {
		return err
	}
	b.Card.Image = cardImage(s.canonical(r, ""), im)
	return nil
}

// frontCard is the front page's card, with the site described in JSON-LD:
// the WebSite and its search, and the NewsMediaOrganization behind it.
func (s *Site) frontCard(ctx context.Context, r *http.Request, b *view.Base) error {
	if err := s.card(ctx, r, b); err != nil {
		return err
	}
	b.Card.Title = b.Site.SiteName
	origin := s.canonical(r, "")
	org, err := s.organization(ctx, origin, b.Site)
	if err != nil {
		return err
	}
	org.Context = schemaOrg
	org.SameAs = b.Site.Social
	site := ldWebSite{
		Context: schemaOrg, Type: "WebSite", Name: b.Site.SiteName, URL: origin + "/", InLanguage: b.Site.Lang,
		PotentialAction: ldSearchAction{Type: "SearchAction",
			Target:     ldEntryPoint{Type: "EntryPoint", URLTemplate: origin + "/search?q={search_term_string}"},
			QueryInput: "required name=search_term_string"},
	}
	return addJSONLD(b, site, org)
}

// articleCard is an article page's card and structured data. b already
// holds the page's title, description and canonical address.
func (s *Site) articleCard(ctx context.Context, r *http.Request, b *view.Base, a news.Article) error {
	origin := s.canonical(r, "")
	b.Card.Type = "article"
	b.Card.Twitter = twitterHandle(b.Site.Twitter)
	b.Card.Locale = articleLocale(b.Site.Locale, a.Lang)
	// The share card's picture: the one chosen for sharing, else the
	// featured image, else the site's.
	share := a.SocialImage
	if len(share.Variants) == 0 {
		share = a.Image
	}
	site, err := s.siteImage(ctx, b.Site.ShareImage)
	if err != nil {
		return err
	}
	if len(share.Variants) == 0 {
		share = site
	}
	b.Card.Image = cardImage(origin, share)

	loc := b.Dates.Loc
	if loc == nil {
		loc = time.UTC
	}
	published, modified := a.Published.In(loc).Format(time.RFC3339), a.Updated.In(loc).Format(time.RFC3339)
	if a.Updated.Before(a.Published) {
		modified = published
	}
	card := &view.ArticleCard{Published: published, Modified: modified, Section: a.Section.Name}
	var authors []ldPerson
	for _, au := range a.Authors {
		u := origin + view.AuthorPath(au)
		card.Authors = append(card.Authors, u)
		authors = append(authors, ldPerson{Type: "Person", Name: au.Name, URL: u})
	}
	var keywords []string
	for _, t := range a.Tags {
		keywords = append(keywords, t.Name)
	}
	card.Tags = keywords
	b.Card.Article = card

	// The structured data's pictures are the article's own, in the three
	// crops search engines ask for.
	picture := a.Image
	if len(picture.Variants) == 0 {
		picture = a.SocialImage
	}
	if len(picture.Variants) == 0 {
		picture = site
	}
	publisher, err := s.organization(ctx, origin, b.Site)
	if err != nil {
		return err
	}
	page := origin + view.ArticlePath(a)
	article := ldNewsArticle{
		Context:             schemaOrg,
		Type:                "NewsArticle",
		Headline:            a.Headline,
		Description:         b.Description,
		Image:               ldImages(origin, picture),
		DatePublished:       published,
		DateModified:        modified,
		Author:              authors,
		Publisher:           publisher,
		MainEntityOfPage:    ldWebPage{Type: "WebPage", ID: page},
		URL:                 page,
		ArticleSection:      a.Section.Name,
		Keywords:            keywords,
		InLanguage:          a.Lang,
		IsAccessibleForFree: true,
		WordCount:           wordCount(a.Body),
	}
	crumbs := ldBreadcrumbList{Context: schemaOrg, Type: "BreadcrumbList", ItemListElement: []ldListItem{
		{Type: "ListItem", Position: 1, Name: b.Site.SiteName, Item: origin + "/"},
		{Type: "ListItem", Position: 2, Name: a.Section.Name, Item: origin + view.SectionPath(a.Section)},
		{Type: "ListItem", Position: 3, Name: a.Headline, Item: page},
	}}
	return addJSONLD(b, article, crumbs)
}

// organization is the newspaper as schema.org sees it, with its logo.
func (s *Site) organization(ctx context.Context, origin string, set news.Settings) (ldOrganization, error) {
	org := ldOrganization{Type: "NewsMediaOrganization", Name: set.SiteName, URL: origin + "/"}
	logo, err := s.siteImage(ctx, set.Logo)
	if err != nil {
		return org, err
	}
	if v, ok := largest(logo); ok {
		org.Logo = &ldImageObject{Type: "ImageObject", URL: origin + "/media/" + v.File, Width: v.Width, Height: v.Height}
	}
	return org, nil
}

// siteImage reads one of the settings' images; none (and no error) when
// the setting is empty or the image was deleted since.
func (s *Site) siteImage(ctx context.Context, id int64) (news.Image, error) {
	if id == 0 {
		return news.Image{}, nil
	}
	im, err := s.content.Image(ctx, id)
	if errors.Is(err, news.ErrNotFound) {
		return news.Image{}, nil
	}
	return im, err
}

// cardImage is the picture of a share card: the 16:9 crop, the shape cards
// show, else the largest copy of the whole image.
func cardImage(origin string, im news.Image) view.CardImage {
	v, ok := im.Crop("16:9")
	if !ok {
		if v, ok = largest(im); !ok {
			return view.CardImage{}
		}
	}
	return view.CardImage{URL: origin + "/media/" + v.File, Width: v.Width, Height: v.Height, Alt: im.Alt}
}

// ldImages are the image's crops, widest first; the largest copy of the
// whole image when it has none.
func ldImages(origin string, im news.Image) []string {
	var out []string
	for _, ratio := range news.CropRatios {
		if c, ok := im.Crop(ratio); ok {
			out = append(out, origin+"/media/"+c.File)
		}
	}
	if len(out) == 0 {
		if v, ok := largest(im); ok {
			out = append(out, origin+"/media/"+v.File)
		}
	}
	return out
}

func largest(im news.Image) (news.ImageVariant, bool) {
	if len(im.Variants) == 0 {
		return news.ImageVariant{}, false
	}
	return im.Variants[len(im.Variants)-1], true
}

// articleLocale is the OpenGraph locale of an article written in lang on a
// site of the given locale: the site's, or lang in the site's country.
func articleLocale(site, lang string) string {
	if site == "" {
		site = "ar_MA"
	}
	siteLang, region, _ := strings.Cut(site, "_")
	if lang == "" || lang == siteLang {
		return site
	}
	if region == "" {
		return lang
	}
	return lang + "_" + region
}

// twitterHandle writes the site's handle as cards expect it, "@name".
func twitterHandle(h string) string {
	h = strings.TrimPrefix(strings.TrimSpace(h), "@")
	if h == "" {
		return ""
	}
	return "@" + h
}

// wordCount counts the words of an article's body as a word processor
// does: runs of text between spaces that hold a letter or a digit, so an
// Arabic word keeps its clitics (وكلمتان is one word) and a lone dash or
// emoji is none.
func wordCount(body string) int {
	n := 0
	for _, w := range strings.Fields(news.PlainText(body)) {
		if strings.IndexFunc(w, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0 {
			n++
		}
	}
	return n
}

// addJSONLD appends structured data blocks to the page.
func addJSONLD(b *view.Base, blocks ...any) error {
	for _, v := range blocks {
		js, err := view.JSONLD(v)
		if err != nil {
			return err
		}
		b.Card.JSONLD = append(b.Card.JSONLD, js)
	}
	return nil
}

const schemaOrg = "https://schema.org"

// The schema.org objects the pages carry, with the properties Google's
// Article documentation lists and those of its breadcrumb and sitelinks
// search box.

type ldNewsArticle struct {
	Context             string         `json:"@context"`
	Type                string         `json:"@type"`
	Headline            string         `json:"headline"`
	Description         string         `json:"description,omitempty"`
	Image               []string       `json:"image,omitempty"`
	DatePublished       string         `json:"datePublished"`
	DateModified        string         `json:"dateModified"`
	Author              []ldPerson     `json:"author"`
	Publisher           ldOrganization `json:"publisher"`
	MainEntityOfPage    ldWebPage      `json:"mainEntityOfPage"`
	URL                 string         `json:"url"`
	ArticleSection      string         `json:"articleSection"`
	Keywords            []string       `json:"keywords,omitempty"`
	InLanguage          string         `json:"inLanguage"`
	IsAccessibleForFree bool           `json:"isAccessibleForFree"`
	WordCount           int            `json:"wordCount"`
}

type ldPerson struct {
	Type string `json:"@type"`
	Name string `json:"name"`
	URL  string `json:"url"`
}

type ldOrganization struct {
	Context string         `json:"@context,omitempty"`
	Type    string         `json:"@type"`
	Name    string         `json:"name"`
	URL     string         `json:"url"`
	Logo    *ldImageObject `json:"logo,omitempty"`
	SameAs  []string       `json:"sameAs,omitempty"`
}

type ldImageObject struct {
	Type   string `json:"@type"`
	URL    string `json:"url"`
	Width  int    `json:"width"`
	Height int    `json:"height"`
}

type ldWebPage struct {
	Type string `json:"@type"`
	ID   string `json:"@id"`
}

type ldBreadcrumbList struct {
	Context         string       `json:"@context"`
	Type            string       `json:"@type"`
	ItemListElement []ldListItem `json:"itemListElement"`
}

type ldListItem struct {
	Type     string `json:"@type"`
	Position int    `json:"position"`
	Name     string `json:"name"`
	Item     string `json:"item"`
}

type ldWebSite struct {
	Context         string         `json:"@context"`
	Type            string         `json:"@type"`
	Name            string         `json:"name"`
	URL             string         `json:"url"`
	InLanguage      string         `json:"inLanguage"`
	PotentialAction ldSearchAction `json:"potentialAction"`
}

type ldSearchAction struct {
	Type       string       `json:"@type"`
	Target     ldEntryPoint `json:"target"`
	QueryInput string       `json:"query-input"`
}

type ldEntryPoint struct {
	Type        string `json:"@type"`
	URLTemplate string `json:"urlTemplate"`
}
