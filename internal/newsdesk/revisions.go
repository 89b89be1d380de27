package newsdesk

import (
	"context"
	"strconv"
	"strings"

	"github.com/midad/midad/internal/news"
	"github.com/midad/midad/internal/textdiff"
)

// Revisions lists the saved states of an article u may see, newest first.
func (d *Desk) Revisions(ctx context.Context, u news.User, id int64) (news.Article, []news.Revision, error) {
	a, err := d.Article(ctx, u, id)
	if err != nil {
		return a, nil, err
	}
	revs, err := d.st.Revisions(ctx, id)
	return a, revs, err
}

// FieldDiff is what changed in one field between two revisions; Field is
// the form field's name ("headline", "body", …).
type FieldDiff struct {
	Field string
	Ops   []textdiff.Op
}

// Comparison is the difference between two revisions of an article.
type Comparison struct {
	Article  news.Article
	From, To news.Revision
	Changes  []FieldDiff // only the fields that changed, in the form's order
}

// Show turns a field's stored value (a status, a language code) into the
// words a person reads; nil shows values as stored.
type Show func(field, value string) string

// Compare diffs revision from against revision to, field by field.
func (d *Desk) Compare(ctx context.Context, u news.User, id int64, from, to int, show Show) (Comparison, error) {
	var c Comparison
	var err error
	if c.Article, err = d.Article(ctx, u, id); err != nil {
		return c, err
	}
	if c.From, err = d.st.Revision(ctx, id, from); err != nil {
		return c, err
	}
	if c.To, err = d.st.Revision(ctx, id, to); err != nil {
		return c, err
	}
	c.Changes = Diff(c.From.Snapshot, c.To.Snapshot, show)
	return c, nil
}

// Diff compares two snapshots field by field, in words; the body is
// compared as text, paragraph by paragraph, so markup does not show.
// Status, language, image and breaking-news values pass through show.
func Diff(a, b news.Snapshot, show Show) []FieldDiff {
	if show == nil {
		show = func(_, v string) string { return v }
	}
	fields := []struct{ name, a, b string }{
		{"kicker", a.Kicker, b.Kicker},
		{"headline", a.Headline, b.Headline},
		{"summary", a.Summary, b.Summary},
		{"body", bodyText(a.Body), bodyText(b.Body)},
		{"slug", a.Slug, b.Slug},
		{"section", a.Section.Name, b.Section.Name},
		{"authors", authorNames(a.Authors), authorNames(b.Authors)},
		{"tags", tagNames(a.Tags), tagNames(b.Tags)},
		{"lang", show("lang", a.Lang), show("lang", b.Lang)},
		{"image", show("image", imageRef(a.ImageID)), show("image", imageRef(b.ImageID))},
		{"seo_title", a.SEOTitle, b.SEOTitle},
		{"seo_description", a.SEODescription, b.SEODescription},
		{"social_image", show("image", imageRef(a.SocialImageID)), show("image", imageRef(b.SocialImageID))},
		{"status", show("status", string(a.Status)), show("status", string(b.Status))},
		{"breaking", show("breaking", strconv.FormatBool(a.Breaking)), show("breaking", strconv.FormatBool(b.Breaking))},
	}
	var out []FieldDiff
	for _, f := range fields {
		if f.a == f.b {
			continue
		}
		var ops []textdiff.Op
		if f.name == "body" {
			ops = textdiff.Lines(f.a, f.b)
		} else {
			ops = textdiff.Words(f.a, f.b)
		}
		out = append(out, FieldDiff{Field: f.name, Ops: ops})
	}
	return out
}

// bodyText is the body as paragraphs of text, one per line.
func bodyText(body string) string {
	var lines []string
	for _, l := range strings.Split(news.PlainText(body), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			lines = append(lines, l)
		}
	}
	return strings.Join(lines, "\n")
}

func authorNames(list []news.Author) string {
	names := make([]string, len(list))
	for i, a := range list {
		names[i] = a.Name
	}
	return strings.Join(names, "، ")
}

func tagNames(list []news.Tag) string {
	names := make([]string, len(list))
	for i, t := range list {
		names[i] = t.Name
	}
	return strings.Join(names, "، ")
}

func imageRef(id int64) string {
	if id == 0 {
		return ""
	}
	return "#" + strconv.FormatInt(id, 10)
}

// Restore saves the content of an earlier revision as a new one, made
// from the current version; the status stays as it is.
func (d *Desk) Restore(ctx context.Context, u news.User, id int64, version, current int) (news.Article, error) {
	a, err := d.Article(ctx, u, id)
	if err != nil {
		return a, err
	}
	rev, err := d.st.Revision(ctx, id, version)
	if err != nil {
		return a, err
	}
	return d.Update(ctx, u, id, InputFrom(rev.Snapshot, current), Save, "restored:"+strconv.Itoa(version))
}

// InputFrom fills a form from a snapshot, to be saved over version.
func InputFrom(s news.Snapshot, version int) Input {
	in := Input{Version: version, Kicker: s.Kicker, Headline: s.Headline, Summary: s.Summary, Body: s.Body,
		Slug: s.Slug, Lang: s.Lang, SectionID: s.Section.ID, ImageID: s.ImageID, Breaking: s.Breaking,
		SEOTitle: s.SEOTitle, SEODescription: s.SEODescription, SocialImageID: s.SocialImageID}
	for _, a := range s.Authors {
		in.AuthorIDs = append(in.AuthorIDs, a.ID)
	}
	in.Tags = tagNames(s.Tags)
	return in
}

// splitTags reads the tags field into names, as a save would.
func splitTags(field string) []string {
	var out []string
	for _, name := range strings.FieldsFunc(field, func(r rune) bool { return r == ',' || r == '،' || r == '\n' }) {
		if name = strings.Join(strings.Fields(name), " "); name != "" {
			out = append(out, name)
		}
	}
	return out
}
