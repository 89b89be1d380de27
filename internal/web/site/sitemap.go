package site

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"time"

	"github.com/midad/midad/internal/news"
	"github.com/midad/midad/internal/sitemap"
	"github.com/midad/midad/internal/web/view"
)

// Sitemaps is what the sitemaps read from storage: walks over rows, so
// that no sitemap holds its articles in memory.
type Sitemaps interface {
	WalkArticleStamps(ctx context.Context, q news.SitemapQuery, fn func(news.ArticleStamp) error) error
	WalkSitemapArticles(ctx context.Context, q news.SitemapQuery, fn func(news.SitemapArticle) error) error
	WalkListings(ctx context.Context, now time.Time, fn func(news.Listing) error) error
}

// newsWindow is how far back the Google News sitemap reaches: Google asks
// for the articles of the last two days.
const newsWindow = 48 * time.Hour

// maxImageFile bounds the name of an image file listed in a sitemap, so
// that a month's sitemap can be planned before it is written. Generated
// names ("2026/11/<32 hex>-1600.webp") are far shorter; an image with a
// longer name is left out of the sitemap, never the article.
const maxImageFile = 255

// articleFile is the name of an article sitemap: articles-YYYY-MM.xml, and
// articles-YYYY-MM-N.xml for its part N ≥ 2.
var articleFile = regexp.MustCompile(`^articles-([0-9]{4})-([0-9]{2})(?:-([1-9][0-9]{0,5}))?\.xml$`)

// month is the set of one calendar month's visible articles.
//
// Months are the site's time zone's (Settings.Timezone, Africa/Casablanca
// by default), as the dates printed on its pages are: an article published
// at 00:30 on the 1st in Casablanca is in that month's sitemap, although
// it is still the previous month in UTC.
type month struct {
	year      int
	month     time.Month
	count     int
	updated   time.Time
	slugRunes int // the longest slug, in characters
}

func (m *month) add(st news.ArticleStamp) {
	m.count++
	if st.Updated.After(m.updated) {
		m.updated = st.Updated
	}
	m.slugRunes = max(m.slugRunes, st.SlugRunes)
}

func (m month) name(part int) string {
	name := fmt.Sprintf("articles-%04d-%02d", m.year, int(m.month))
	if part > 1 {
		name += "-" + strconv.Itoa(part)
	}
	return "/sitemaps/" + name + ".xml"
}

// perFile is how many of the month's articles one file holds: at most the
// limit on entries, and as many as the longest entry the month can have
// lets fit in the limit on bytes. Each slug character takes at most 12
// bytes (a 4-byte character, percent-encoded).
func (s *Site) perFile(r *http.Request, m month) int {
	loc := sitemap.EscapedLen(s.canonical(r, "/article/")) + 12*m.slugRunes
	image := sitemap.EscapedLen(s.canonical(r, "/media/")) + maxImageFile
	return s.sitemapLimits.PerFile(sitemap.URLBound(loc, 1, image))
}

// sitemapIndex serves /sitemap.xml: the taxonomies' and the news sitemap,
// then one article sitemap (or its parts) a month, newest first.
func (s *Site) sitemapIndex(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	set, err := s.content.Settings(ctx)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	loc := siteLocation(set)
	now := s.now()
	months := map[[2]int]*month{}
	var latest, latestNews time.Time
	err = s.sitemaps.WalkArticleStamps(ctx, news.SitemapQuery{Now: now}, func(st news.ArticleStamp) error {
		p := st.Published.In(loc)
		key := [2]int{p.Year(), int(p.Month())}
		m := months[key]
		if m == nil {
			m = &month{year: key[0], month: p.Month()}
			months[key] = m
		}
		m.add(st)
		if st.Updated.After(latest) {
			latest = st.Updated
		}
		if st.Published.After(now.Add(-newsWindow)) && st.Updated.After(latestNews) {
			latestNews = st.Updated
		}
		return nil
	})
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	list := make([]*month, 0, len(months))
	for _, m := range months {
		list = append(list, m)
	}
	slices.SortFunc(list, func(a, b *month) int {
		if a.year != b.year {
			return b.year - a.year
		}
		return int(b.month) - int(a.month)
	})
	s.writeXML(w, r, func(out http.ResponseWriter) error {
		x := sitemap.NewIndex(out, sitemap.DefaultLimits)
		if err := x.Sitemap(s.canonical(r, "/sitemaps/taxonomies.xml"), inZone(latest, loc)); err != nil {
			return err
		}
		if err := x.Sitemap(s.canonical(r, "/sitemaps/news.xml"), inZone(latestNews, loc)); err != nil {
			return err
		}
		for _, m := range list {
			for part := range sitemap.Parts(m.count, s.perFile(r, *m)) {
				if err := x.Sitemap(s.canonical(r, m.name(part+1)), inZone(m.updated, loc)); err != nil {
					return err
				}
			}
		}
		return x.Close()
	})
}

// sitemapFile serves the files under /sitemaps/.
func (s *Site) sitemapFile(w http.ResponseWriter, r *http.Request) {
	switch name := r.PathValue("name"); name {
	case "news.xml":
		s.newsSitemap(w, r)
	case "taxonomies.xml":
		s.taxonomySitemap(w, r)
	default:
		s.articleSitemap(w, r, name)
	}
}

// articleSitemap serves one month's article sitemap, or one part of it.
func (s *Site) articleSitemap(w http.ResponseWriter, r *http.Request, name string) {
	ctx := r.Context()
	match := articleFile.FindStringSubmatch(name)
	if match == nil {
		s.Fail(w, r, news.ErrNotFound)
		return
	}
	year, _ := strconv.Atoi(match[1])
	mon, _ := strconv.Atoi(match[2])
	part := 1
	if match[3] != "" {
		part, _ = strconv.Atoi(match[3])
		if part < 2 { // the first part is named without its number
			s.Fail(w, r, news.ErrNotFound)
			return
		}
	}
	if mon < 1 || mon > 12 {
		s.Fail(w, r, news.ErrNotFound)
		return
	}
	set, err := s.content.Settings(ctx)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	loc := siteLocation(set)
	from := time.Date(year, time.Month(mon), 1, 0, 0, 0, 0, loc)
	q := news.SitemapQuery{Now: s.now(), From: from, To: from.AddDate(0, 1, 0)}
	m := month{year: year, month: time.Month(mon)}
	if err := s.sitemaps.WalkArticleStamps(ctx, q, func(st news.ArticleStamp) error { m.add(st); return nil }); err != nil {
		s.Fail(w, r, err)
		return
	}
	per := s.perFile(r, m)
	if part > sitemap.Parts(m.count, per) {
		s.Fail(w, r, news.ErrNotFound)
		return
	}
	q.Offset, q.Limit = (part-1)*per, per
	articles, media := s.canonical(r, "/article/"), s.canonical(r, "/media/")
	s.writeXML(w, r, func(out http.ResponseWriter) error {
		x := sitemap.NewURLSet(out, s.sitemapLimits, true, false)
		err := s.sitemaps.WalkSitemapArticles(ctx, q, func(a news.SitemapArticle) error {
			u := sitemap.URL{Loc: articles + pathSegment(a.Slug), LastMod: inZone(a.Updated, loc)}
			if src := a.Image.Src(); src != "" && len(src)-len("/media/") <= maxImageFile {
				u.Images = []string{media + src[len("/media/"):]}
			}
			return x.URL(u)
		})
		if err != nil {
			return err
		}
		return x.Close()
	})
}

// newsSitemap serves the Google News sitemap: the articles published in
// the last two days, newest first, at most 1,000.
func (s *Site) newsSitemap(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	set, err := s.content.Settings(ctx)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	loc := siteLocation(set)
	now := s.now()
	q := news.SitemapQuery{Now: now, From: now.Add(-newsWindow), Limit: sitemap.MaxNews, NewestFirst: true, Headlines: true}
	articles := s.canonical(r, "/article/")
	s.writeXML(w, r, func(out http.ResponseWriter) error {
		x := sitemap.NewURLSet(out, sitemap.DefaultLimits, false, true)
		err := s.sitemaps.WalkSitemapArticles(ctx, q, func(a news.SitemapArticle) error {
			return x.URL(sitemap.URL{Loc: articles + pathSegment(a.Slug), News: &sitemap.News{
				Publication: set.SiteName, Language: a.Lang, Published: a.Published.In(loc), Title: a.Headline,
			}})
		})
		if err != nil {
			return err
		}
		return x.Close()
	})
}

// taxonomySitemap serves the front page and every section, author and tag
// page that lists at least one visible article.
func (s *Site) taxonomySitemap(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	set, err := s.content.Settings(ctx)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	loc := siteLocation(set)
	now := s.now()
	s.writeXML(w, r, func(out http.ResponseWriter) error {
		x := sitemap.NewURLSet(out, sitemap.DefaultLimits, false, false)
		err := s.sitemaps.WalkListings(ctx, now, func(l news.Listing) error {
			var path string
			switch l.Kind {
			case news.ListingFront:
				path = "/"
			case news.ListingSection:
				path = view.SectionPath(news.Section{Slug: l.Slug})
			case news.ListingAuthor:
				path = view.AuthorPath(news.Author{Slug: l.Slug})
			case news.ListingTag:
				path = view.TagPath(news.Tag{Slug: l.Slug})
			default:
				return fmt.Errorf("unknown listing kind %q", l.Kind)
			}
			return x.URL(sitemap.URL{Loc: s.canonical(r, path), LastMod: inZone(l.Updated, loc)})
		})
		if err != nil {
			return err
		}
		return x.Close()
	})
}

// pathSegment is slug as it appears in an article's address.
func pathSegment(slug string) string {
	return view.ArticlePath(news.Article{Slug: slug})[len("/article/"):]
}

// writeXML streams a sitemap written by write. An error before the first
// byte went out is answered with the usual error page; after it, the
// status is sent and the file incomplete, so the connection is cut (the
// crawler sees a failed download, not a truncated sitemap that parses as
// a short one) and the error logged.
func (s *Site) writeXML(w http.ResponseWriter, r *http.Request, write func(http.ResponseWriter) error) {
	w.Header().Set("Content-Type", "application/xml; charset=utf-8")
	out := &startedWriter{ResponseWriter: w}
	err := write(out)
	if err == nil {
		return
	}
	if errors.Is(err, sitemap.ErrFull) {
		err = fmt.Errorf("%s: %w", r.URL.Path, err)
	}
	if !out.started {
		w.Header().Del("Content-Type")
		s.Fail(w, r, err)
		return
	}
	s.log.ErrorContext(r.Context(), "sitemap cut short", "path", r.URL.Path, "err", err)
	panic(http.ErrAbortHandler)
}

// startedWriter notes whether anything was written to the response.
type startedWriter struct {
	http.ResponseWriter
	started bool
}

func (w *startedWriter) Write(p []byte) (int, error) {
	w.started = true
	return w.ResponseWriter.Write(p)
}

// siteLocation is the site's time zone, UTC when the setting is unusable.
func siteLocation(set news.Settings) *time.Location {
	if d := dates(set); d.Loc != nil {
		return d.Loc
	}
	return time.UTC
}

// inZone is t in loc, and the zero time unchanged (a sitemap leaves it out).
func inZone(t time.Time, loc *time.Location) time.Time {
	if t.IsZero() {
		return t
	}
	return t.In(loc)
}
