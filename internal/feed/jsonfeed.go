package feed

import (
	"bufio"
	"encoding/json"
	"io"
)

// JSONFeedVersion is the version URL JSON Feed 1.1 documents carry.
const JSONFeedVersion = "https://jsonfeed.org/version/1.1"

type jsonFeed struct {
	Version     string       `json:"version"`
	Title       string       `json:"title"`
	HomePageURL string       `json:"home_page_url,omitempty"`
	FeedURL     string       `json:"feed_url,omitempty"`
	Description string       `json:"description,omitempty"`
	NextURL     string       `json:"next_url,omitempty"`
	Icon        string       `json:"icon,omitempty"`
	FavIcon     string       `json:"favicon,omitempty"`
	Authors     []jsonAuthor `json:"authors,omitempty"`
	Language    string       `json:"language,omitempty"`
}

type jsonAuthor struct {
	Name string `json:"name,omitempty"`
	URL  string `json:"url,omitempty"`
}

type jsonItem struct {
	ID            string           `json:"id"`
	URL           string           `json:"url,omitempty"`
	Title         string           `json:"title,omitempty"`
	ContentHTML   string           `json:"content_html,omitempty"`
	ContentText   string           `json:"content_text,omitempty"`
	Summary       string           `json:"summary,omitempty"`
	Image         string           `json:"image,omitempty"`
	DatePublished string           `json:"date_published,omitempty"`
	DateModified  string           `json:"date_modified,omitempty"`
	Authors       []jsonAuthor     `json:"authors,omitempty"`
	Tags          []string         `json:"tags,omitempty"`
	Language      string           `json:"language,omitempty"`
	Attachments   []jsonAttachment `json:"attachments,omitempty"`
}

type jsonAttachment struct {
	URL         string `json:"url"`
	MimeType    string `json:"mime_type"`
	Title       string `json:"title,omitempty"`
	SizeInBytes int64  `json:"size_in_bytes,omitempty"`
}

func jsonAuthors(list []Person) []jsonAuthor {
	out := make([]jsonAuthor, 0, len(list))
	for _, p := range list {
		out = append(out, jsonAuthor{Name: p.Name, URL: p.URL})
	}
	return out
}

// WriteJSON writes f as JSON Feed 1.1: the feed's fields, then its items
// one by one. An item always has content: its HTML, or else its summary
// as text, since the format requires one of them.
func WriteJSON(w io.Writer, f *Feed) error {
	if err := f.Validate(); err != nil {
		return err
	}
	bw := bufio.NewWriterSize(w, 16<<10)
	head := jsonFeed{Version: JSONFeedVersion, Title: f.Title, HomePageURL: f.Link, FeedURL: f.Self,
		Description: f.Description, NextURL: f.Next, Icon: f.Icon, FavIcon: f.FavIcon, Language: f.Language}
	if f.Publisher.Name != "" {
		head.Authors = []jsonAuthor{{Name: f.Publisher.Name, URL: f.Publisher.URL}}
	}
	b, err := json.Marshal(head)
	if err != nil {
		return err
	}
	// The feed's object stays open for its items.
	bw.Write(b[:len(b)-1])
	bw.WriteString(",\"items\":[\n")
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	for i := range f.Entries {
		if i > 0 {
			bw.WriteString(",")
		}
		if err := enc.Encode(jsonEntry(&f.Entries[i])); err != nil {
			return err
		}
	}
	bw.WriteString("]}\n")
	return bw.Flush()
}

func jsonEntry(e *Entry) jsonItem {
	it := jsonItem{ID: e.ID, URL: e.Link, Title: e.Title, ContentHTML: e.Content, Summary: e.Summary,
		DatePublished: rfc3339(e.Published), DateModified: rfc3339(e.Updated),
		Authors: jsonAuthors(e.Authors), Language: e.Language}
	if it.ContentHTML == "" {
		it.ContentText = e.Summary
		if it.ContentText == "" {
			it.ContentText = e.Title
		}
	}
	for _, c := range e.Categories {
		it.Tags = append(it.Tags, c.Name)
	}
	if im := e.Image; im != nil {
		it.Image = im.URL
		it.Attachments = []jsonAttachment{{URL: im.URL, MimeType: im.Type, Title: im.Alt, SizeInBytes: im.Bytes}}
	}
	return it
}
