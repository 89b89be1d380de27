package wpimport

import (
	"errors"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/midad/midad/internal/news"
	"github.com/midad/midad/internal/store"
	"github.com/midad/midad/internal/wordpress"
)

// statuses maps WordPress's post states to Midad's; trash, auto-draft and
// inherit are not imported.
var statuses = map[string]news.Status{
	"publish": news.Published,
	"draft":   news.Draft,
	"pending": news.InReview,
	"future":  news.Scheduled,
	"private": news.Unpublished,
}

// untitled is the headline of a post that had none: a headline is required.
const untitled = "بلا عنوان"

// post imports one post as an article, with its comments, its pictures,
// its view count and its old addresses, in one transaction.
func (r *run) post(it *wordpress.Item) error {
	status, ok := statuses[it.Status]
	if !ok {
		r.rep.skip("post", it.ID, it.Title, "status", it.Status)
		r.skipComments(it, "parent_post")
		return nil
	}
	if it.Password != "" && (status == news.Published || status == news.Scheduled) {
		// Readers needed a password: it stays out of sight until an
		// editor decides.
		status = news.Unpublished
		r.rep.note("post", it.ID, it.Title, "password_post")
	}
	a := news.Article{Status: status, Lang: r.lang}
	a.Headline = clip(plain(it.Title), news.MaxHeadline)
	if a.Headline == "" {
		a.Headline = untitled
	}
	a.Summary = clip(plain(it.Excerpt), news.MaxSummary)
	a.Kicker = clip(plain(kicker(it)), news.MaxKicker)
	a.SEOTitle = seo(firstOf(it.MetaValue("_yoast_wpseo_title"), it.MetaValue("rank_math_title")))
	a.SEODescription = seo(firstOf(it.MetaValue("_yoast_wpseo_metadesc"), it.MetaValue("rank_math_description")))
	a.Published = r.when(it.Date, it.DateGMT)
	a.Updated = r.when(it.Modified, it.ModifiedGMT)
	if a.Published.IsZero() && (status == news.Published || status == news.Scheduled) {
		a.Published = a.Updated
	}
	if a.Published.IsZero() && status == news.Published {
		r.rep.skip("post", it.ID, it.Title, "no_date", "")
		return nil
	}
	a.CommentsClosed = it.CommentStatus == "closed"
	a.Slug = slug(it.Name, a.Headline, news.MaxSlug)
	if a.Slug == "" {
		a.Slug = "post-" + strconv.FormatInt(it.ID, 10)
	}

	body, found, err := r.body(it)
	if err != nil {
		return err
	}
	a.Body = body
	if id, err := strconv.ParseInt(it.MetaValue("_thumbnail_id"), 10, 64); err == nil && id > 0 {
		im, err := r.attachment(id)
		if err != nil {
			return err
		}
		a.Image = im
	}

	// The section: the primary category, else the first; the other
	// categories become tags, so that nothing of the filing is lost.
	var cats []*category
	for _, t := range it.Terms {
		if t.Domain == "category" {
			if c := r.cats[t.Slug]; c != nil && c.Section.ID != 0 && !slices.Contains(cats, c) {
				cats = append(cats, c)
			}
		}
	}
	primary := r.primary(it)
	if primary == nil && len(cats) > 0 {
		primary = cats[0]
	}
	wpTags := map[string]string{} // Midad slug → WordPress slug
	for _, t := range it.Terms {
		switch {
		case t.Domain == "post_tag":
			tag, ok := r.tags[t.Slug]
			if !ok {
				tag = news.Tag{Slug: slug(t.Slug, t.Name, news.MaxSlug), Name: clip(plain(t.Name), 100)}
			}
			a.Tags = appendTag(a.Tags, tag)
			if _, ok := wpTags[tag.Slug]; !ok && tag.Slug != "" {
				wpTags[tag.Slug] = t.Slug
			}
		case t.Domain == "category" && r.cats[t.Slug] != nil && r.cats[t.Slug] != primary:
			c := r.cats[t.Slug]
			a.Tags = appendTag(a.Tags, news.Tag{Slug: c.Section.Slug, Name: c.Section.Name})
		}
	}
	views, _ := strconv.ParseInt(strings.TrimSpace(firstOf(it.MetaValue("tie_views"), it.MetaValue("post_views_count"))), 10, 64)
	item := *it
	item.Line = 0 // where it is in the export is not what it is
	h := digest(item, a.Image.ID, imageIDs(found), primary != nil)

	var isNew, changed bool
	err = r.imp.Do(r.ctx, func(tx *store.ImportTx) error {
		k, ok, err := tx.Key(r.source, "post", strconv.FormatInt(it.ID, 10))
		if err != nil {
			return err
		}
		current := 0
		if ok {
			if current, ok, err = tx.ArticleVersion(k.TargetID); err != nil {
				return err
			} // not found: deleted here since, imported again
		}
		sum, version := splitHash(k.Hash)
		isNew, changed = !ok, ok && sum != h
		if changed && version != 0 && current != version {
			return errEdited
		}
		if ok && !changed {
			a.ID = k.TargetID
			return nil
		}
		if primary != nil {
			a.Section = primary.Section
		} else {
			sec, err := r.uncategorized(tx)
			if err != nil {
				return err
			}
			a.Section = sec
		}
		au, err := r.byline(tx, it.Creator)
		if err != nil {
			return err
		}
		a.Authors = []news.Author{au}
		if ok {
			a.ID = k.TargetID
		}
		if taken, err := tx.SlugTaken(a.Slug, a.ID); err != nil {
			return err
		} else if taken {
			a.Slug = clip(a.Slug, news.MaxSlug-12) + "-" + strconv.FormatInt(it.ID, 10)
		}
		if ok {
			err = tx.UpdateArticle(&a, "import")
		} else {
			err = tx.CreateArticle(&a)
		}
		if err != nil {
			return err
		}
		if err := tx.PutKey(store.ImportKey{Source: r.source, Kind: "post", SourceID: strconv.FormatInt(it.ID, 10), TargetID: a.ID, Hash: joinHash(h, a.Version)}); err != nil {
			return err
		}
		if err := r.bodyRedirects(tx, found); err != nil {
			return err
		}
		// Not the GUID: it is an address the post once had or never had,
		// and may be another post's now.
		for _, old := range []string{it.Link, "/?p=" + strconv.FormatInt(it.ID, 10)} {
			if old != "" && r.ownAddress(old) {
				if err := r.redirect(tx, news.RedirectArticle, a.ID, "", r.local(old)); err != nil {
					return err
				}
			}
		}
		if err := r.tagKeys(tx, a.Tags, wpTags); err != nil {
			return err
		}
		if views > 0 {
			if err := tx.SetViews(a.ID, views); err != nil {
				return err
			}
		}
		return r.comments(tx, a.ID, it.Comments, isNew)
	})
	if errors.Is(err, errEdited) {
		r.rep.skip("post", it.ID, it.Title, "edited", "")
		return nil
	}
	if err != nil {
		if err := r.refused("post", it.ID, it.Title, err); err != nil {
			return err
		}
		r.skipComments(it, "parent_post")
		return nil
	}
	for _, t := range wpTags {
		r.tagDone[t] = true
	}
	if it.Sticky && status == news.Published && !slices.Contains(r.sticky, a.ID) {
		r.sticky = append(r.sticky, a.ID)
	}
	r.outcome("post", !isNew, changed)
	return nil
}

// tagKeys records the tags a post brought, once per run each: a key (so
// the report counts each tag once), and the tag archive's old addresses.
func (r *run) tagKeys(tx *store.ImportTx, tags []news.Tag, wpTags map[string]string) error {
	for _, t := range tags {
		wp, ok := wpTags[t.Slug]
		if !ok || r.tagDone[wp] {
			continue
		}
		_, found, err := tx.Key(r.source, "tag", wp)
		if err != nil {
			return err
		}
		if err := tx.PutKey(store.ImportKey{Source: r.source, Kind: "tag", SourceID: wp, TargetID: t.ID}); err != nil {
			return err
		}
		for _, old := range []string{"/tag/" + escapePath(wp), "/?tag=" + url.QueryEscape(wp)} {
			if err := r.redirect(tx, news.RedirectTag, t.ID, "", old); err != nil {
				return err
			}
		}
		r.outcome("tag", found, false)
	}
	return nil
}

// body converts an item's body and brings in the pictures it shows, each
// in its own unit before the item's: the item's transaction then only
// points at them.
func (r *run) body(it *wordpress.Item) (string, map[string]news.Image, error) {
	body := wordpress.ConvertBody(it.Content, wordpress.BodyOptions{Attachment: r.attachmentInfo, Children: r.children[it.ID]})
	found := map[string]news.Image{}
	for _, ref := range body.Images {
		im, ok, err := r.upload(ref)
		if err != nil {
			return "", nil, err
		}
		if ok {
			found[ref] = im
		}
	}
	return wordpress.ReplaceURLs(body.HTML, func(addr string) (string, string, bool) {
		im, ok := found[addr]
		if !ok {
			return "", "", false
		}
		return im.Src(), im.SrcSet(), true
	}), found, nil
}

// bodyRedirects sends the addresses of the pictures a body showed (the
// resized copies too) to the new files.
func (r *run) bodyRedirects(tx *store.ImportTx, found map[string]news.Image) error {
	for ref, im := range found {
		if u, err := url.Parse(ref); err == nil && strings.Contains(u.Path, "/wp-content/uploads/") {
			if err := r.redirect(tx, news.RedirectMedia, im.ID, mediaTarget(im), u.EscapedPath()); err != nil {
				return err
			}
		}
	}
	return nil
}

func imageIDs(found map[string]news.Image) map[string]int64 {
	ids := map[string]int64{}
	for ref, im := range found {
		ids[ref] = im.ID
	}
	return ids
}

func appendTag(list []news.Tag, t news.Tag) []news.Tag {
	if t.Slug == "" || t.Name == "" || slices.ContainsFunc(list, func(x news.Tag) bool { return x.Slug == t.Slug }) {
		return list
	}
	return append(list, t)
}

// primary is the category a news theme marks as the post's main one.
func (r *run) primary(it *wordpress.Item) *category {
	for _, key := range []string{"tie_primary_category", "_yoast_wpseo_primary_category", "rank_math_primary_category"} {
		if id, err := strconv.ParseInt(strings.TrimSpace(it.MetaValue(key)), 10, 64); err == nil {
			if c := r.catByID[id]; c != nil && c.Section.ID != 0 {
				return c
			}
		}
	}
	return nil
}

var tdSubtitle = regexp.MustCompile(`s:11:"td_subtitle";s:(\d+):"`)

// kicker is the news theme's subtitle: Jannah's tie_post_sub_title,
// BetterStudio's bs_subtitle, or tagDiv Newspaper's td_subtitle inside its
// serialized td_post_theme_settings.
func kicker(it *wordpress.Item) string {
	if s := firstOf(it.MetaValue("tie_post_sub_title"), it.MetaValue("bs_subtitle")); s != "" {
		return s
	}
	ser := it.MetaValue("td_post_theme_settings")
	if m := tdSubtitle.FindStringSubmatchIndex(ser); m != nil {
		n, err := strconv.Atoi(ser[m[2]:m[3]])
		if err == nil && m[1]+n <= len(ser) {
			return ser[m[1] : m[1]+n] // a PHP string's length is in bytes
		}
	}
	return ""
}

// seo is a search title or description, unless it is a template of the
// SEO plugin (%%title%% %%sep%% %%sitename%%), which means nothing here.
func seo(s string) string {
	s = plain(s)
	if strings.Contains(s, "%%") || regexp.MustCompile(`%[a-z_]+%`).MatchString(s) {
		return ""
	}
	return clip(s, 300)
}

const wpTime = "2006-01-02 15:04:05"

// when reads a post's date: the GMT one when there is one; else the local
// one in the site's time zone, learnt from the posts that have both.
func (r *run) when(local, gmt string) time.Time {
	g, gerr := time.Parse(wpTime, gmt)
	l, lerr := time.Parse(wpTime, local)
	if gerr == nil && g.Year() > 1 {
		if lerr == nil && l.Year() > 1 {
			r.offset = l.Sub(g)
		}
		return g.UTC()
	}
	if lerr == nil && l.Year() > 1 {
		return l.Add(-r.offset).UTC()
	}
	return time.Time{}
}

// ownAddress reports whether an address is the old site's (or a path).
func (r *run) ownAddress(addr string) bool {
	u, err := url.Parse(addr)
	if err != nil {
		return false
	}
	if u.Host == "" {
		return true
	}
	s, err := url.Parse(r.source)
	return err == nil && strings.EqualFold(strings.TrimPrefix(u.Host, "www."), strings.TrimPrefix(s.Host, "www."))
}

// local is an address of the old site made relative to the site's root,
// its blog's path removed (a blog at example.com/news/ keeps /news/… as
// the path readers had: the new site answers at its root).
func (r *run) local(addr string) string {
	u, err := url.Parse(addr)
	if err != nil {
		return ""
	}
	p := u.EscapedPath()
	if p == "" {
		p = "/"
	}
	if u.RawQuery != "" {
		p += "?" + u.RawQuery
	}
	return p
}

// uncategorized is the section of posts without a category. It and the
// bylines below are looked up in the transaction each time: one made in a
// post's transaction that was then refused does not exist.
func (r *run) uncategorized(tx *store.ImportTx) (news.Section, error) {
	sec, err := tx.Section("uncategorized")
	if errors.Is(err, news.ErrNotFound) {
		sec = news.Section{Slug: "uncategorized", Name: "غير مصنف"}
		err = tx.CreateSection(&sec)
	}
	return sec, err
}

// byline is the author of a post by login; an author the export did not
// list is made from the login.
func (r *run) byline(tx *store.ImportTx, login string) (news.Author, error) {
	if au, ok := r.authors[login]; ok {
		return au, nil
	}
	if login == "" {
		login = "wordpress"
	}
	s := slug(login, login, 60)
	au, err := tx.Author(s)
	if errors.Is(err, news.ErrNotFound) {
		au = news.Author{Slug: s, Name: login}
		err = tx.CreateAuthor(&au)
	}
	return au, err
}

var commentStates = map[string]news.CommentStatus{
	"1": news.CommentApproved, "approve": news.CommentApproved,
	"0": news.CommentPending, "hold": news.CommentPending,
	"spam":  news.CommentSpam,
	"trash": news.CommentTrash, "post-trashed": news.CommentTrash,
}

// comments stores a post's comments, threaded, with their states and
// dates; pingbacks and trackbacks are not readers' comments.
func (r *run) comments(tx *store.ImportTx, articleID int64, list []wordpress.Comment, isNew bool) error {
	// The comment's dedup key names it: a second import finds it by that
	// key, one statement per comment.
	var stored map[string]bool
	if !isNew {
		var err error
		if stored, err = tx.CommentKeys(articleID); err != nil {
			return err
		}
	}
	sorted := slices.Clone(list)
	slices.SortFunc(sorted, func(a, b wordpress.Comment) int { return int(a.ID - b.ID) })
	ids := map[int64]int64{}
	for pass := 0; pass < 2; pass++ {
		// A reply listed before its parent waits for the second pass.
		for _, c := range sorted {
			if _, done := ids[c.ID]; done {
				continue
			}
			if c.Type == "pingback" || c.Type == "trackback" {
				if pass == 0 {
					r.rep.skip("comment", c.ID, c.Author, c.Type, "")
				}
				ids[c.ID] = 0
				continue
			}
			status, ok := commentStates[c.Approved]
			if !ok {
				if pass == 0 {
					r.rep.skip("comment", c.ID, c.Author, "comment_state", c.Approved)
				}
				ids[c.ID] = 0
				continue
			}
			parent := int64(0)
			if c.Parent != 0 {
				p, known := ids[c.Parent]
				if !known && pass == 0 {
					continue
				}
				parent = p
			}
			key := strconv.FormatInt(c.ID, 10)
			nc := news.Comment{ArticleID: articleID, ParentID: parent, Status: status,
				Name: clip(plain(c.Author), news.MaxCommentName), Email: strings.ToLower(strings.TrimSpace(c.Email)),
				URL: commentURL(c.URL), Body: commentText(c.Content), IP: clip(c.IP, 64),
				Created: r.when(c.Date, c.DateGMT), Key: "wp:" + r.source + ":" + key}
			if nc.Name == "" {
				nc.Name = "—"
			}
			if len(nc.Email) > news.MaxCommentEmail {
				nc.Email = ""
			}
			found := stored[nc.Key]
			if err := tx.PutComment(&nc); err != nil {
				return err
			}
			ids[c.ID] = nc.ID
			r.outcome("comment", found, found)
		}
	}
	return nil
}

func commentURL(s string) string {
	u, err := url.Parse(strings.TrimSpace(s))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || len(s) > news.MaxCommentURL {
		return ""
	}
	return u.String()
}

var breaks = regexp.MustCompile(`(?i)<br\s*/?>|</p>`)

// commentText is a comment's HTML as the plain text comments are here.
func commentText(s string) string {
	s = breaks.ReplaceAllString(s, "\n")
	lines := strings.Split(s, "\n")
	var out []string
	for _, l := range lines {
		out = append(out, plain(l))
	}
	return strings.TrimSpace(regexp.MustCompile(`\n{3,}`).ReplaceAllString(strings.Join(out, "\n"), "\n\n"))
}
