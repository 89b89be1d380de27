package admin

import (
	"net/http"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/midad/midad/internal/news"
	"github.com/midad/midad/internal/newsdesk"
	"github.com/midad/midad/internal/web/view"
)

// sharePreview is what the editor's search and share previews start from;
// newsroom.js keeps them up to date as the journalist types.
type sharePreview struct {
	Host        string // the site's domain, as a share card shows it
	Path        string // the article's path, as a search result shows it
	Title       string // the search title, or the headline
	Description string // the meta description, or the summary
	Image       string // the social image's address, or the featured image's
	ImageAlt    string
	// The advised and the largest lengths, in characters, and the
	// lengths of what the journalist typed (the fallbacks count as none).
	TitleAdvice, TitleMax, TitleLen                   int
	DescriptionAdvice, DescriptionMax, DescriptionLen int
}

// sharePreview computes the previews' first state from the form, with the
// fallbacks readers' pages use: headline, summary, featured image.
func (a *Admin) sharePreview(r *http.Request, f articleForm) sharePreview {
	p := sharePreview{Host: r.Host, Title: f.In.SEOTitle, Description: f.In.SEODescription,
		TitleAdvice: news.SEOTitleAdvice, TitleMax: news.MaxSEOTitle,
		DescriptionAdvice: news.SEODescriptionAdvice, DescriptionMax: news.MaxSEODescription,
		TitleLen: utf8.RuneCountInString(f.In.SEOTitle), DescriptionLen: utf8.RuneCountInString(f.In.SEODescription)}
	if u, err := url.Parse(a.baseURL); err == nil && u.Host != "" {
		p.Host = u.Host
	}
	if p.Title == "" {
		p.Title = f.In.Headline
	}
	if p.Description == "" {
		p.Description = f.In.Summary
	}
	if p.Description == "" {
		p.Description = view.Excerpt(f.In.Body, 30)
	}
	slug := f.In.Slug
	if slug == "" {
		slug = f.Article.Slug
	}
	if slug != "" {
		p.Path = "/article/" + slug // as people read it, not escaped
	}
	imageID := f.In.SocialImageID
	if imageID == 0 {
		imageID = f.In.ImageID
	}
	for _, im := range f.Images {
		if im.ID == imageID && imageID != 0 {
			p.Image, p.ImageAlt = im.Src(), im.Alt
		}
	}
	return p
}

// readShareFields reads the search title, meta description and social
// image of the editor's form into in.
func readShareFields(f url.Values, in *newsdesk.Input) error {
	in.SEOTitle = strings.TrimSpace(f.Get("seo_title"))
	in.SEODescription = strings.TrimSpace(f.Get("seo_description"))
	id, err := optionalID(f.Get("social_image"))
	if err != nil {
		return &news.FieldError{Field: "social_image", Key: "error.field.invalid_image"}
	}
	in.SocialImageID = id
	return nil
}

// keepShareFields keeps the stored search and share fields that the form
// does not carry at all.
func keepShareFields(f url.Values, in *newsdesk.Input, stored news.Article) {
	if !f.Has("seo_title") {
		in.SEOTitle = stored.SEOTitle
	}
	if !f.Has("seo_description") {
		in.SEODescription = stored.SEODescription
	}
	if !f.Has("social_image") {
		in.SocialImageID = stored.SocialImage.ID
	}
}
