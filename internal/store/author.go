package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/midad/midad/internal/news"
)

// AuthorBySlug finds an author; news.ErrNotFound if there is none.
func (s *Store) AuthorBySlug(ctx context.Context, slug string) (news.Author, error) {
	return s.author(ctx, s.r, `slug = ?`, slug)
}

// rowQuerier is a database or a transaction, for reads that run in either.
type rowQuerier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

const authorColumns = `id, slug, name, bio`

func scanAuthor(row scanner) (news.Author, error) {
	var a news.Author
	err := row.Scan(&a.ID, &a.Slug, &a.Name, &a.Bio)
	return a, err
}

// author reads the author the condition names, through db.
func (s *Store) author(ctx context.Context, db rowQuerier, where string, arg any) (news.Author, error) {
	a, err := scanAuthor(db.QueryRowContext(ctx, s.q(`SELECT `+authorColumns+` FROM authors WHERE `+where), arg))
	if errors.Is(err, sql.ErrNoRows) {
		return a, news.ErrNotFound
	}
	if err != nil {
		return a, fmt.Errorf("author %v: %w", arg, err)
	}
	return a, nil
}

// CreateAuthor stores a new author and sets its ID; news.ErrExists if the
// slug is taken.
func (s *Store) CreateAuthor(ctx context.Context, a *news.Author) error {
	if err := a.Validate(); err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		return uniqueViolation(tx.QueryRowContext(ctx, s.q(`INSERT INTO authors (slug, name, bio) VALUES (?, ?, ?) RETURNING id`),
			a.Slug, a.Name, a.Bio).Scan(&a.ID))
	})
}

// AuthorByID finds an author; news.ErrNotFound if there is none.
func (s *Store) AuthorByID(ctx context.Context, id int64) (news.Author, error) {
	return s.author(ctx, s.r, `id = ?`, id)
}

// TagBySlug finds a tag; news.ErrNotFound if there is none.
func (s *Store) TagBySlug(ctx context.Context, slug string) (news.Tag, error) {
	var t news.Tag
	err := s.r.QueryRowContext(ctx, s.q(`SELECT id, slug, name FROM tags WHERE slug = ?`), slug).
		Scan(&t.ID, &t.Slug, &t.Name)
	if errors.Is(err, sql.ErrNoRows) {
		return t, news.ErrNotFound
	}
	if err != nil {
		return t, fmt.Errorf("tag %q: %w", slug, err)
	}
	return t, nil
}

// CreateTag stores a new tag and sets its ID; news.ErrExists if the slug
// is taken.
func (s *Store) CreateTag(ctx context.Context, t *news.Tag) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		return uniqueViolation(tx.QueryRowContext(ctx, s.q(`INSERT INTO tags (slug, name) VALUES (?, ?) RETURNING id`),
			t.Slug, t.Name).Scan(&t.ID))
	})
}

// Authors returns every author, by name.
func (s *Store) Authors(ctx context.Context) ([]news.Author, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT `+authorColumns+` FROM authors ORDER BY name, id`)
	if err != nil {
		return nil, fmt.Errorf("list authors: %w", err)
	}
	list, err := scanAll(rows, scanAuthor)
	if err != nil {
		return nil, fmt.Errorf("list authors: %w", err)
	}
	return list, nil
}
