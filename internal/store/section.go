package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/midad/midad/internal/news"
)

// Sections returns every section in display order.
func (s *Store) Sections(ctx context.Context) ([]news.Section, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT id, slug, name, position FROM sections ORDER BY position, id`)
	if err != nil {
		return nil, fmt.Errorf("list sections: %w", err)
	}
	list, err := scanAll(rows, scanSection)
	if err != nil {
		return nil, fmt.Errorf("list sections: %w", err)
	}
	return list, nil
}

func scanSection(row scanner) (news.Section, error) {
	var sec news.Section
	err := row.Scan(&sec.ID, &sec.Slug, &sec.Name, &sec.Position)
	return sec, err
}

// SectionBySlug finds a section; news.ErrNotFound if there is none.
func (s *Store) SectionBySlug(ctx context.Context, slug string) (news.Section, error) {
	sec, err := scanSection(s.r.QueryRowContext(ctx, s.q(`SELECT id, slug, name, position FROM sections WHERE slug = ?`), slug))
	if errors.Is(err, sql.ErrNoRows) {
		return sec, news.ErrNotFound
	}
	if err != nil {
		return sec, fmt.Errorf("section %q: %w", slug, err)
	}
	return sec, nil
}

// CreateSection stores a new section and sets its ID; news.ErrExists if
// the slug is taken.
func (s *Store) CreateSection(ctx context.Context, sec *news.Section) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		return uniqueViolation(tx.QueryRowContext(ctx, s.q(`INSERT INTO sections (slug, name, position) VALUES (?, ?, ?) RETURNING id`),
			sec.Slug, sec.Name, sec.Position).Scan(&sec.ID))
	})
}

// UpdateSection renames and moves a section. A new slug keeps the earlier
// address leading to the section; news.ErrExists if the slug is another
// section's.
func (s *Store) UpdateSection(ctx context.Context, sec news.Section) error {
	if err := sec.Validate(); err != nil {
		return err
	}
	return s.rename(ctx, "sections", news.RedirectSection, sec.ID, sec.Slug,
		`UPDATE sections SET slug = ?, name = ?, position = ? WHERE id = ?`, sec.Slug, sec.Name, sec.Position, sec.ID)
}
