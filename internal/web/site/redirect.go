package site

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/midad/midad/internal/news"
	"github.com/midad/midad/internal/web/view"
)

// Addresses finds where earlier addresses lead: the redirect table, and
// the things it names by id.
type Addresses interface {
	Redirect(ctx context.Context, key string) (news.Redirect, error)
	ArticleByID(ctx context.Context, id int64) (news.Article, error)
	SectionByID(ctx context.Context, id int64) (news.Section, error)
	AuthorByID(ctx context.Context, id int64) (news.Author, error)
	TagByID(ctx context.Context, id int64) (news.Tag, error)
}

// PageLookup finds a static page by id, for redirects to pages. The site
// uses it when its Addresses provide it; until then, a redirect to a page
// leads nowhere.
type PageLookup interface {
	PageByID(ctx context.Context, id int64) (news.StaticPage, error)
}

// redirectMaxAge bounds how long browsers keep a permanent redirect: an
// address may come back to life when a slug is changed back.
const redirectMaxAge = "public, max-age=3600"

// errGone marks an article that was published and then withdrawn:
// readers get 410, not 404.
var errGone = errors.New("gone")

// redirect answers a reader's request for an address that leads nowhere
// now, from the redirect table: 301 to the current address of what the
// earlier address named, or 410 if that is a withdrawn article. It reports
// whether it answered; if not, the caller answers 404.
func (s *Site) redirect(w http.ResponseWriter, r *http.Request) bool {
	answered, _ := s.fromTable(w, r)
	return answered
}

// fromTable is redirect, also telling whether the table knows the address
// (known), even when what it names cannot be shown.
func (s *Site) fromTable(w http.ResponseWriter, r *http.Request) (answered, known bool) {
	if s.addresses == nil || (r.Method != http.MethodGet && r.Method != http.MethodHead) ||
		strings.HasPrefix(r.URL.Path, "/newsroom/") {
		return false, false
	}
	key := news.RedirectKey(r.URL.EscapedPath(), r.URL.RawQuery)
	if key == "" || key == "/" {
		return false, false
	}
	ctx := r.Context()
	rd, err := s.addresses.Redirect(ctx, key)
	suffix := ""
	if errors.Is(err, news.ErrNotFound) {
		// A renamed list's feeds follow it: /section/old/feed is looked
		// up as /section/old.
		if list, feed, ok := listFeed(key); ok {
			if rd, err = s.addresses.Redirect(ctx, list); err == nil && !isList(rd.Kind) {
				err = news.ErrNotFound
			}
			suffix = "/" + feed
		}
	}
	if errors.Is(err, news.ErrNotFound) && suffix == "" {
		// An imported site's pages and feeds of an address
		// (/category/x/page/2/, /tag/y/feed/) lead where it does.
		for _, k := range news.RedirectCandidates(r.URL.EscapedPath(), r.URL.RawQuery)[1:] {
			if rd, err = s.addresses.Redirect(ctx, k); !errors.Is(err, news.ErrNotFound) {
				break
			}
		}
	}
	if err != nil {
		if !errors.Is(err, news.ErrNotFound) {
			s.log.ErrorContext(ctx, "redirect lookup", "path", r.URL.Path, "err", err)
		}
		return false, false
	}
	target, err := s.currentAddress(ctx, rd)
	target += suffix
	switch {
	case errors.Is(err, errGone):
		s.ErrorPage(w, r, http.StatusGone, "")
		return true, true
	case err != nil:
		if !errors.Is(err, news.ErrNotFound) {
			s.log.ErrorContext(ctx, "redirect target", "path", r.URL.Path, "kind", rd.Kind, "target_id", rd.TargetID, "err", err)
		}
		return false, true
	}
	tpath, tquery, _ := strings.Cut(target, "?")
	if news.RedirectKey(tpath, tquery) == key {
		return false, true // the address is the thing's own: never a loop
	}
	if isList(rd.Kind) && suffix == "" {
		// A list's page number still means something there.
		if n, err := strconv.Atoi(r.URL.Query().Get("page")); err == nil && n > 1 && n <= maxPage && tquery == "" {
			target = view.PageURL(target, n)
		}
	}
	w.Header().Set("Cache-Control", redirectMaxAge)
	http.Redirect(w, r, target, http.StatusMovedPermanently)
	return true, true
}

// isList reports whether things of kind are lists of articles (with
// pages and feeds).
func isList(kind news.RedirectKind) bool {
	return kind == news.RedirectSection || kind == news.RedirectAuthor || kind == news.RedirectTag
}

// listFeeds are the feeds every section, author and tag has under its
// address.
var listFeeds = []string{"feed", "atom.xml", "feed.json"}

// listFeed splits the key of a list's feed ("/section/sport/feed") into
// the list's key and the feed's name.
func listFeed(key string) (list, feed string, ok bool) {
	i := strings.LastIndex(key, "/")
	if i <= 0 || strings.Contains(key, "?") {
		return "", "", false
	}
	list, feed = key[:i], key[i+1:]
	parts := strings.Split(list, "/") // "", the kind, the slug
	if len(parts) != 3 || !isList(news.RedirectKind(parts[1])) || parts[2] == "" || !slices.Contains(listFeeds, feed) {
		return "", "", false
	}
	return list, feed, true
}

// currentAddress is the path on this site where what r names lives now:
// news.ErrNotFound if it is gone or hidden from readers, errGone for a
// withdrawn article.
func (s *Site) currentAddress(ctx context.Context, r news.Redirect) (string, error) {
	switch r.Kind {
	case news.RedirectArticle:
		a, err := s.addresses.ArticleByID(ctx, r.TargetID)
		if err != nil {
			return "", err
		}
		if err := s.readable(a); err != nil {
			return "", err
		}
		return view.ArticlePath(a), nil
	case news.RedirectSection:
		sec, err := s.addresses.SectionByID(ctx, r.TargetID)
		return view.SectionPath(sec), err
	case news.RedirectAuthor:
		a, err := s.addresses.AuthorByID(ctx, r.TargetID)
		return view.AuthorPath(a), err
	case news.RedirectTag:
		t, err := s.addresses.TagByID(ctx, r.TargetID)
		return view.TagPath(t), err
	case news.RedirectPage:
		pages, ok := s.addresses.(PageLookup)
		if !ok {
			return "", news.ErrNotFound
		}
		p, err := pages.PageByID(ctx, r.TargetID)
		if err != nil {
			return "", err
		}
		if p.Status != news.Published {
			return "", news.ErrNotFound
		}
		return "/page/" + url.PathEscape(p.Slug), nil
	case news.RedirectMedia:
		name := strings.TrimPrefix(r.Target, "/")
		if name == "" || strings.HasPrefix(name, "/") || strings.Contains(name, "\\") || hasDotSegment(name) {
			return "", news.ErrNotFound
		}
		return sitePath("/media/" + name)
	case news.RedirectPath:
		return sitePath(r.Target)
	}
	return "", news.ErrNotFound
}

// readable is nil for an article readers may see now, errGone for one
// withdrawn from them, and news.ErrNotFound for drafts and scheduled
// articles, of which readers learn nothing.
func (s *Site) readable(a news.Article) error {
	switch {
	case a.Visible(s.now()):
		return nil
	case a.Status == news.Unpublished:
		return errGone
	}
	return news.ErrNotFound
}

// sitePath checks that p is a path on this site (one leading slash, not
// "//host" nor "/\host", no control characters) and escapes what needs it.
func sitePath(p string) (string, error) {
	if !strings.HasPrefix(p, "/") || strings.HasPrefix(p, "//") || strings.HasPrefix(p, "/\\") ||
		strings.ContainsFunc(p, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
		return "", news.ErrNotFound
	}
	u, err := url.Parse(p)
	if err != nil || u.Scheme != "" || u.Host != "" || u.Opaque != "" {
		return "", news.ErrNotFound
	}
	u.Fragment = ""
	return u.String(), nil
}

// hasDotSegment reports whether a slash-separated name climbs with "..".
func hasDotSegment(name string) bool {
	for seg := range strings.SplitSeq(name, "/") {
		if seg == ".." || seg == "." {
			return true
		}
	}
	return false
}
