package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/midad/midad/internal/news"
	"github.com/midad/midad/internal/richtext"
)

// pageColumns are read by scanPage, in this order.
const pageColumns = `id, slug, title, body, lang, status, in_footer, position, version,
	COALESCE(created_by, 0), created_at, updated_at`

func scanPage(row scanner) (news.StaticPage, error) {
	var p news.StaticPage
	var created, updated int64
	err := row.Scan(&p.ID, &p.Slug, &p.Title, &p.Body, &p.Lang, &p.Status, &p.InFooter, &p.Position, &p.Version,
		&p.CreatedBy, &created, &updated)
	p.Created, p.Updated = fromUnix(created), fromUnix(updated)
	return p, err
}

// pageKey is the redirect table's key for a page's address.
func pageKey(slug string) string { return news.RedirectKey("/page/"+slug, "") }

// CreatePage validates and stores a new page, sets its ID and version 1.
// The body is sanitized first, whoever wrote it; a taken slug is a
// FieldError on "slug". Created and Updated default to now.
func (s *Store) CreatePage(ctx context.Context, p *news.StaticPage) error {
	p.Body = richtext.Sanitize(p.Body)
	if err := p.Validate(); err != nil {
		return err
	}
	now := s.now()
	if p.Created.IsZero() {
		p.Created = now
	}
	if p.Updated.IsZero() {
		p.Updated = p.Created
	}
	// As stored: to the second.
	p.Created, p.Updated = fromUnix(unix(p.Created)), fromUnix(unix(p.Updated))
	return s.inTx(ctx, func(tx *sql.Tx) error { return s.createPage(ctx, tx, p) })
}

// createPage is CreatePage's work inside a transaction (an import's);
// p is sanitized, valid, and has its times.
func (s *Store) createPage(ctx context.Context, tx *sql.Tx, p *news.StaticPage) error {
	{
		err := tx.QueryRowContext(ctx, s.q(`INSERT INTO pages
			(slug, title, body, lang, status, in_footer, position, version, created_by, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?) RETURNING id`),
			p.Slug, p.Title, p.Body, p.Lang, string(p.Status), p.InFooter, p.Position, nullID(p.CreatedBy),
			unix(p.Created), unix(p.Updated)).Scan(&p.ID)
		if err != nil {
			if uniqueViolation(err) == news.ErrExists {
				return &news.FieldError{Field: "slug", Key: "error.field.page_slug_taken"}
			}
			return fmt.Errorf("insert page %q: %w", p.Slug, err)
		}
		p.Version = 1
		return s.claimPageAddress(ctx, tx, p.Slug)
	}
}

// UpdatePage saves a new state of an existing page. p.Version must be the
// version the change was made from: if someone saved since, nothing is
// written and news.ErrConflict is returned; on success p.Version is the
// new one. A new slug keeps the old address alive: /page/old is recorded
// in the redirect table, in the same transaction. A zero Updated is set to
// now (an import passes the old site's modification time).
func (s *Store) UpdatePage(ctx context.Context, p *news.StaticPage) error {
	p.Body = richtext.Sanitize(p.Body)
	if err := p.Validate(); err != nil {
		return err
	}
	if p.Updated.IsZero() {
		p.Updated = s.now()
	}
	p.Updated = fromUnix(unix(p.Updated))
	return s.inTx(ctx, func(tx *sql.Tx) error { return s.updatePage(ctx, tx, p) })
}

// updatePage is UpdatePage's work inside a transaction; p is sanitized,
// valid, and has its Updated time.
func (s *Store) updatePage(ctx context.Context, tx *sql.Tx, p *news.StaticPage) error {
	{
		var current int
		var oldSlug string
		err := tx.QueryRowContext(ctx, s.q(`SELECT version, slug FROM pages WHERE id = ?`+s.dialect.forUpdate), p.ID).
			Scan(&current, &oldSlug)
		if errors.Is(err, sql.ErrNoRows) {
			return news.ErrNotFound
		}
		if err != nil {
			return fmt.Errorf("read page %d: %w", p.ID, err)
		}
		if current != p.Version {
			return news.ErrConflict
		}
		res, err := tx.ExecContext(ctx, s.q(`UPDATE pages SET slug = ?, title = ?, body = ?, lang = ?, status = ?,
			in_footer = ?, position = ?, updated_at = ?, version = version + 1 WHERE id = ? AND version = ?`),
			p.Slug, p.Title, p.Body, p.Lang, string(p.Status), p.InFooter, p.Position, unix(p.Updated), p.ID, current)
		if err != nil {
			if uniqueViolation(err) == news.ErrExists {
				return &news.FieldError{Field: "slug", Key: "error.field.page_slug_taken"}
			}
			return fmt.Errorf("update page %d: %w", p.ID, err)
		}
		if n, err := res.RowsAffected(); err != nil || n != 1 {
			if err != nil {
				return fmt.Errorf("update page %d: %w", p.ID, err)
			}
			return news.ErrConflict
		}
		if oldSlug != p.Slug {
			if err := s.putRedirect(ctx, tx, news.Redirect{Path: pageKey(oldSlug), Kind: news.RedirectPage, TargetID: p.ID}); err != nil {
				return err
			}
			if err := s.claimPageAddress(ctx, tx, p.Slug); err != nil {
				return err
			}
		}
		p.Version = current + 1
		return nil
	}
}

// claimPageAddress forgets a redirect from the address a page now lives
// at: the address is the page's own again, not an earlier one of
// something else (a page renamed back to its first slug, say).
func (s *Store) claimPageAddress(ctx context.Context, tx *sql.Tx, slug string) error {
	if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM redirects WHERE path = ?`), pageKey(slug)); err != nil {
		return fmt.Errorf("claim page address %q: %w", slug, err)
	}
	return nil
}

// PageBySlug returns the page, whatever its status; callers decide who may
// see it. news.ErrNotFound if there is none.
func (s *Store) PageBySlug(ctx context.Context, slug string) (news.StaticPage, error) {
	return s.page(ctx, `slug = ?`, slug)
}

// PageByID is PageBySlug by the page's id.
func (s *Store) PageByID(ctx context.Context, id int64) (news.StaticPage, error) {
	return s.page(ctx, `id = ?`, id)
}

func (s *Store) page(ctx context.Context, where string, arg any) (news.StaticPage, error) {
	p, err := scanPage(s.r.QueryRowContext(ctx, s.q(`SELECT `+pageColumns+` FROM pages WHERE `+where), arg))
	if errors.Is(err, sql.ErrNoRows) {
		return p, news.ErrNotFound
	}
	if err != nil {
		return p, fmt.Errorf("page %v: %w", arg, err)
	}
	return p, nil
}

// Pages returns every page, drafts too, for the newsroom: footer pages
// first in their order, then the others by title.
func (s *Store) Pages(ctx context.Context) ([]news.StaticPage, error) {
	return s.pages(ctx, `SELECT `+pageColumns+` FROM pages
		ORDER BY CASE WHEN in_footer THEN 0 ELSE 1 END, position, title, id`)
}

// FooterPages returns the published pages the footer links to, in their
// position order.
func (s *Store) FooterPages(ctx context.Context) ([]news.StaticPage, error) {
	return s.pages(ctx, `SELECT `+pageColumns+` FROM pages
		WHERE status = 'published' AND in_footer ORDER BY position, id`)
}

func (s *Store) pages(ctx context.Context, query string) ([]news.StaticPage, error) {
	rows, err := s.r.QueryContext(ctx, query)
	if err != nil {
		return nil, fmt.Errorf("list pages: %w", err)
	}
	list, err := scanAll(rows, scanPage)
	if err != nil {
		return nil, fmt.Errorf("list pages: %w", err)
	}
	return list, nil
}
