package site

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/midad/midad/internal/discussion"
	"github.com/midad/midad/internal/i18n"
	"github.com/midad/midad/internal/news"
	"github.com/midad/midad/internal/web/view"
)

// relatedCount is how many other stories of the same section an article
// page suggests.
const relatedCount = 4

type articlePage struct {
	view.Base
	Article      news.Article
	ArticleDir   string
	ShowUpdated  bool
	Related      []news.Article
	Comments     []commentView
	CommentCount string
	Closed       bool
	Notice       string // the answer to a posted comment
	Form         commentForm
}

// commentView is an approved comment as the page shows it. It copies only
// what readers may see: the email and the address never reach a template.
type commentView struct {
	ID      int64
	Name    string
	URL     string
	Body    string
	Created time.Time
	When    string
	Replies []commentView
}

func newCommentView(c news.Comment, d i18n.Dates) commentView {
	return commentView{ID: c.ID, Name: c.Name, URL: c.URL, Body: c.Body, Created: c.Created, When: d.DateTime(c.Created)}
}

var commentForms = i18n.PluralForms{
	Zero: "لا تعليقات", One: "تعليق واحد", Two: "تعليقان",
	Few: "%d تعليقات", Many: "%d تعليقاً", Other: "%d تعليق",
}

// article serves an article at its canonical URL. Drafts and scheduled
// articles do not exist for readers; withdrawn (unpublished) ones are
// gone.
func (s *Site) article(w http.ResponseWriter, r *http.Request) {
	a, err := s.visibleArticle(r.Context(), r.PathValue("slug"))
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	form := commentForm{}
	if id, err := strconv.ParseInt(r.URL.Query().Get("replyto"), 10, 64); err == nil {
		form.Parent = id
	}
	page, err := s.articlePage(r, a, form)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	switch r.URL.Query().Get("comment") {
	case "held":
		page.Notice = s.cat.T(page.Lang, "comment.held")
	case "published":
		page.Notice = s.cat.T(page.Lang, "comment.published")
	}
	s.Render(w, r, http.StatusOK, "article", page)
}

// visibleArticle finds an article that readers may see now: errGone if it
// was withdrawn, news.ErrNotFound if it is not theirs to see.
func (s *Site) visibleArticle(ctx context.Context, slug string) (news.Article, error) {
	a, err := s.content.ArticleBySlug(ctx, slug)
	if err != nil {
		return a, err
	}
	return a, s.readable(a)
}

// articlePage gathers everything the article page shows, with the comment
// form in the given state.
func (s *Site) articlePage(r *http.Request, a news.Article, form commentForm) (articlePage, error) {
	ctx := r.Context()
	base, err := s.base(ctx, pageTitle(a))
	if err != nil {
		return articlePage{}, err
	}
	path := view.ArticlePath(a)
	base.Canonical = s.canonical(r, path)
	base.Description = pageDescription(a)
	if err := s.articleCard(ctx, r, &base, a); err != nil {
		return articlePage{}, err
	}
	// Without the count: a section's total is not shown, and counting
	// it costs more than reading four articles.
	related, _, err := s.content.PublishedPage(ctx,
		news.Filter{Now: base.Now, SectionID: a.Section.ID, ExcludeID: a.ID},
		news.Page{Number: 1, Size: relatedCount})
	if err != nil {
		return articlePage{}, err
	}
	threads, count, err := s.comments.Thread(ctx, a.ID)
	if err != nil {
		return articlePage{}, err
	}
	page := articlePage{
		Base:         base,
		Article:      a,
		ArticleDir:   i18n.Dir(a.Lang),
		ShowUpdated:  a.Updated.Sub(a.Published) > 60e9,
		Related:      related,
		CommentCount: i18n.Plural(count, commentForms, base.Dates.Digits),
		Closed:       discussion.Closed(a, base.Site.Comments, base.Now),
	}
	for _, c := range threads {
		v := newCommentView(c, base.Dates)
		for _, rep := range c.Replies {
			v.Replies = append(v.Replies, newCommentView(rep, base.Dates))
		}
		page.Comments = append(page.Comments, v)
		if form.Parent == c.ID {
			form.ReplyTo = c.Name
		}
	}
	if form.ReplyTo == "" {
		form.Parent = 0 // not a comment shown here: comment on the article instead
	}
	if !page.Closed {
		form.Action = path + "/comments"
		if form.Token, err = s.comments.Token(ctx, a.ID); err != nil {
			return articlePage{}, err
		}
	}
	page.Form = form
	return page, nil
}

// articleByID redirects the stable id URL to the article's canonical one.
func (s *Site) articleByID(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id < 1 {
		s.Fail(w, r, news.ErrNotFound)
		return
	}
	a, err := s.content.ArticleByID(r.Context(), id)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	if err := s.readable(a); err != nil {
		s.Fail(w, r, err)
		return
	}
	// Not permanent: the slug may be corrected later, the id stays.
	w.Header().Set("Cache-Control", "public, max-age=300")
	http.Redirect(w, r, view.ArticlePath(a), http.StatusFound)
}

// Preview draws an article as readers will see it, whatever its status,
// for the newsroom: not indexed, not cached, without ads or comment form.
func (s *Site) Preview(w http.ResponseWriter, r *http.Request, a news.Article) {
	if a.Published.IsZero() {
		a.Published = s.now()
		a.Updated = a.Published
	}
	page, err := s.articlePage(r, a, commentForm{})
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	page.Closed, page.Form = true, commentForm{}
	page.NoIndex, page.Preview, page.Canonical = true, true, ""
	page.Site.Ads, page.Site.Analytics = nil, nil
	w.Header().Set("Cache-Control", "no-store")
	s.Render(w, r, http.StatusOK, "article", page)
}
