package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/midad/midad/internal/news"
)

// moved records, inside tx, that the reader address a thing of kind had
// under oldSlug leads to it (id) now. Nothing is recorded when the slug did
// not change.
func (s *Store) moved(ctx context.Context, tx *sql.Tx, kind news.RedirectKind, id int64, oldSlug, newSlug string) error {
	if oldSlug == newSlug || oldSlug == "" {
		return nil
	}
	key := news.OldAddress(kind, oldSlug)
	if key == "" || key == news.OldAddress(kind, newSlug) {
		return nil // differs in ASCII case only: the same address
	}
	return s.putRedirect(ctx, tx, news.Redirect{Path: key, Kind: kind, TargetID: id})
}

// currentSlug reads, inside tx and locking the row, the slug of the row id
// of table (a constant of this package).
func (s *Store) currentSlug(ctx context.Context, tx *sql.Tx, table string, id int64) (string, error) {
	var slug string
	err := tx.QueryRowContext(ctx, s.q(`SELECT slug FROM `+table+` WHERE id = ?`+s.dialect.forUpdate), id).Scan(&slug)
	if errors.Is(err, sql.ErrNoRows) {
		return "", news.ErrNotFound
	}
	if err != nil {
		return "", fmt.Errorf("read %s %d: %w", table, id, err)
	}
	return slug, nil
}

// rename runs update (which changes the row id of table) and records the
// earlier address when the slug changed, in one transaction. A slug that
// is taken gives news.ErrExists.
func (s *Store) rename(ctx context.Context, table string, kind news.RedirectKind, id int64, newSlug, query string, args ...any) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		old, err := s.currentSlug(ctx, tx, table, id)
		if err != nil {
			return err
		}
		if err := s.updateOne(ctx, tx, "update "+table, query, args...); err != nil {
			return uniqueViolation(err)
		}
		return s.moved(ctx, tx, kind, id, old, newSlug)
	})
}

// UpdateTag renames a tag; a new slug keeps the earlier address leading to
// it. news.ErrExists if the slug is another tag's.
func (s *Store) UpdateTag(ctx context.Context, t news.Tag) error {
	if err := t.Validate(); err != nil {
		return err
	}
	return s.rename(ctx, "tags", news.RedirectTag, t.ID, t.Slug,
		`UPDATE tags SET slug = ?, name = ? WHERE id = ?`, t.Slug, t.Name, t.ID)
}

// UpdateAuthor renames an author and changes the bio; a new slug keeps the
// earlier address leading to it. news.ErrExists if the slug is another
// author's.
func (s *Store) UpdateAuthor(ctx context.Context, a news.Author) error {
	if err := a.Validate(); err != nil {
		return err
	}
	return s.rename(ctx, "authors", news.RedirectAuthor, a.ID, a.Slug,
		`UPDATE authors SET slug = ?, name = ?, bio = ? WHERE id = ?`, a.Slug, a.Name, a.Bio, a.ID)
}

// TagByID finds a tag; news.ErrNotFound if there is none.
func (s *Store) TagByID(ctx context.Context, id int64) (news.Tag, error) {
	var t news.Tag
	err := s.r.QueryRowContext(ctx, s.q(`SELECT id, slug, name FROM tags WHERE id = ?`), id).Scan(&t.ID, &t.Slug, &t.Name)
	if errors.Is(err, sql.ErrNoRows) {
		return t, news.ErrNotFound
	}
	if err != nil {
		return t, fmt.Errorf("tag %d: %w", id, err)
	}
	return t, nil
}

// SectionByID finds a section; news.ErrNotFound if there is none.
func (s *Store) SectionByID(ctx context.Context, id int64) (news.Section, error) {
	sec, err := scanSection(s.r.QueryRowContext(ctx, s.q(`SELECT id, slug, name, position FROM sections WHERE id = ?`), id))
	if errors.Is(err, sql.ErrNoRows) {
		return sec, news.ErrNotFound
	}
	if err != nil {
		return sec, fmt.Errorf("section %d: %w", id, err)
	}
	return sec, nil
}

// Tags returns every tag, by name.
func (s *Store) Tags(ctx context.Context) ([]news.Tag, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT id, slug, name FROM tags ORDER BY name, id`)
	if err != nil {
		return nil, fmt.Errorf("list tags: %w", err)
	}
	list, err := scanAll(rows, func(row scanner) (news.Tag, error) {
		var t news.Tag
		err := row.Scan(&t.ID, &t.Slug, &t.Name)
		return t, err
	})
	if err != nil {
		return nil, fmt.Errorf("list tags: %w", err)
	}
	return list, nil
}
