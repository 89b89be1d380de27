package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"time"

	"github.com/midad/midad/internal/news"
)

// The sitemap queries walk their rows with a callback, one row at a time,
// so that a month's or the whole archive's sitemap streams from the
// database to the reader without being held in memory. Each selects on
// status and a range of published_at, which the articles_sitemap index
// (migration 12) answers on both backends without reading the articles'
// rows (on SQLite, their bodies' overflow pages). The callback
// runs while the rows are open: it should write and return, not query
// the store again.

// visibleRange is the condition of every walk: published, visible at now,
// published in [from, to).
const visibleRange = `a.status = 'published' AND a.published_at <= ? AND a.published_at >= ? AND a.published_at < ?`

func rangeArgs(q news.SitemapQuery) []any {
	to := int64(math.MaxInt64)
	if !q.To.IsZero() {
		to = q.To.Unix()
	}
	return []any{q.Now.Unix(), unix(q.From), to}
}

// WalkArticleStamps calls fn for every visible article published in
// [q.From, q.To), in no particular order; q's Offset, Limit and order are
// ignored. It is how the sitemap index counts each month's articles.
func (s *Store) WalkArticleStamps(ctx context.Context, q news.SitemapQuery, fn func(news.ArticleStamp) error) error {
	rows, err := s.r.QueryContext(ctx, s.q(`SELECT a.published_at, a.updated_at, LENGTH(a.slug)
		FROM articles a WHERE `+visibleRange), rangeArgs(q)...)
	if err != nil {
		return fmt.Errorf("article stamps: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var published, updated int64
		var st news.ArticleStamp
		if err := rows.Scan(&published, &updated, &st.SlugRunes); err != nil {
			return fmt.Errorf("scan article stamp: %w", err)
		}
		st.Published, st.Updated = fromUnix(published), fromUnix(updated)
		if err := fn(st); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("article stamps: %w", err)
	}
	return nil
}

// WalkSitemapArticles calls fn for each visible article that q selects, in
// order of publication (then id), with its featured image's variants.
func (s *Store) WalkSitemapArticles(ctx context.Context, q news.SitemapQuery, fn func(news.SitemapArticle) error) error {
	order := ` ORDER BY a.published_at, a.id`
	if q.NewestFirst {
		order = ` ORDER BY a.published_at DESC, a.id DESC`
	}
	limit := int64(-1) // SQLite's "no limit"; PostgreSQL wants a count
	if q.Limit > 0 {
		limit = int64(q.Limit)
	} else if s.dialect.name != "sqlite" {
		limit = math.MaxInt64
	}
	headlines := `'', ''`
	if q.Headlines {
		headlines = `a.headline, a.lang`
	}
	rows, err := s.r.QueryContext(ctx, s.q(`SELECT a.id, a.slug, `+headlines+`, a.published_at, a.updated_at,
		COALESCE(m.variants, '[]')
		FROM articles a LEFT JOIN media m ON m.id = a.image_id
		WHERE `+visibleRange+order+` LIMIT ? OFFSET ?`), append(rangeArgs(q), limit, q.Offset)...)
	if err != nil {
		return fmt.Errorf("sitemap articles: %w", err)
	}
	defer rows.Close()
	var variants []byte
	for rows.Next() {
		var a news.SitemapArticle
		var published, updated int64
		if err := rows.Scan(&a.ID, &a.Slug, &a.Headline, &a.Lang, &published, &updated, &variants); err != nil {
			return fmt.Errorf("scan sitemap article: %w", err)
		}
		a.Published, a.Updated = fromUnix(published), fromUnix(updated)
		if len(variants) > 2 {
			if err := json.Unmarshal(variants, &a.Image.Variants); err != nil {
				return fmt.Errorf("article %d image variants: %w", a.ID, err)
			}
		}
		if err := fn(a); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("sitemap articles: %w", err)
	}
	return nil
}

// WalkListings calls fn for the front page, then each section (in their
// order), author and tag (by slug) that has at least one article visible
// at now, with the newest update among those articles. A tag only drafts
// carry is left out. The front page comes even when nothing is published,
// without a time.
func (s *Store) WalkListings(ctx context.Context, now time.Time, fn func(news.Listing) error) error {
	var front sql.NullInt64
	if err := s.r.QueryRowContext(ctx, s.q(`SELECT MAX(a.updated_at) FROM articles a
		WHERE a.status = 'published' AND a.published_at <= ?`), now.Unix()).Scan(&front); err != nil {
		return fmt.Errorf("front page listing: %w", err)
	}
	if err := fn(news.Listing{Kind: news.ListingFront, Updated: fromUnix(front.Int64)}); err != nil {
		return err
	}
	// Each list's articles are grouped first, from the articles_sitemap
	// index, then joined to the few sections, authors or tags found.
	const visible = ` a.status = 'published' AND a.published_at <= ?`
	queries := []struct {
		kind  news.ListingKind
		query string
	}{
		{news.ListingSection, `SELECT s.slug, x.updated FROM sections s JOIN (
			SELECT a.section_id, MAX(a.updated_at) AS updated FROM articles a
			WHERE` + visible + ` GROUP BY a.section_id) x ON x.section_id = s.id
			ORDER BY s.position, s.id`},
		{news.ListingAuthor, `SELECT au.slug, x.updated FROM authors au JOIN (
			SELECT aa.author_id, MAX(a.updated_at) AS updated FROM articles a JOIN article_authors aa ON aa.article_id = a.id
			WHERE` + visible + ` GROUP BY aa.author_id) x ON x.author_id = au.id
			ORDER BY au.slug`},
		{news.ListingTag, `SELECT t.slug, x.updated FROM tags t JOIN (
			SELECT at.tag_id, MAX(a.updated_at) AS updated FROM articles a JOIN article_tags at ON at.article_id = a.id
			WHERE` + visible + ` GROUP BY at.tag_id) x ON x.tag_id = t.id
			ORDER BY t.slug`},
	}
	for _, q := range queries {
		if err := s.walkListing(ctx, q.kind, q.query, now.Unix(), fn); err != nil {
			return err
		}
	}
	return nil
}

func (s *Store) walkListing(ctx context.Context, kind news.ListingKind, query string, now int64, fn func(news.Listing) error) error {
	rows, err := s.r.QueryContext(ctx, s.q(query), now)
	if err != nil {
		return fmt.Errorf("%s listings: %w", kind, err)
	}
	defer rows.Close()
	for rows.Next() {
		l := news.Listing{Kind: kind}
		var updated int64
		if err := rows.Scan(&l.Slug, &updated); err != nil {
			return fmt.Errorf("scan %s listing: %w", kind, err)
		}
		l.Updated = fromUnix(updated)
		if err := fn(l); err != nil {
			return err
		}
	}
	return errors.Join(rows.Err(), rows.Close())
}
