package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/midad/midad/internal/news"
)

const mediaColumns = `id, name, type, width, height, bytes, variants, alt, caption, credit, uploaded_by, created_at, focus_x, focus_y, crops`

func scanImage(row scanner) (news.Image, error) {
	var im news.Image
	var variants, crops string
	var by sql.NullInt64
	var created int64
	err := row.Scan(&im.ID, &im.Name, &im.Type, &im.Width, &im.Height, &im.Bytes, &variants,
		&im.Alt, &im.Caption, &im.Credit, &by, &created, &im.FocusX, &im.FocusY, &crops)
	if err != nil {
		return im, err
	}
	if err := json.Unmarshal([]byte(variants), &im.Variants); err != nil {
		return im, fmt.Errorf("image %d variants: %w", im.ID, err)
	}
	if err := json.Unmarshal([]byte(crops), &im.Crops); err != nil {
		return im, fmt.Errorf("image %d crops: %w", im.ID, err)
	}
	if len(im.Crops) == 0 {
		im.Crops = nil // none is none, however it was written
	}
	im.UploadedBy = by.Int64
	im.Created = fromUnix(created)
	return im, nil
}

// CreateImage records an image whose files are already written, and sets
// its ID and creation time; news.ErrExists if its name is taken.
func (s *Store) CreateImage(ctx context.Context, im *news.Image) error {
	if im.Name == "" || im.Type == "" || len(im.Variants) == 0 {
		return errors.New("create image: name, type and variants are required")
	}
	variants, err := json.Marshal(im.Variants)
	if err != nil {
		return fmt.Errorf("create image: %w", err)
	}
	crops, err := json.Marshal(im.Crops)
	if err != nil || im.Crops == nil {
		crops = []byte("[]")
	}
	// uploaded_by references users: "unknown" is NULL, not 0.
	var by sql.NullInt64
	if im.UploadedBy != 0 {
		by = sql.NullInt64{Int64: im.UploadedBy, Valid: true}
	}
	created := s.now().UTC().Truncate(time.Second)
	im.FocusX, im.FocusY = focus(im.FocusX), focus(im.FocusY)
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, s.q(`INSERT INTO media (name, type, width, height, bytes, variants, alt, caption, credit,
			uploaded_by, created_at, focus_x, focus_y, crops)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`),
			im.Name, im.Type, im.Width, im.Height, im.Bytes, string(variants), im.Alt, im.Caption, im.Credit, by,
			created.Unix(), im.FocusX, im.FocusY, string(crops)).Scan(&im.ID)
		if err != nil {
			if errors.Is(uniqueViolation(err), news.ErrExists) {
				return news.ErrExists
			}
			return fmt.Errorf("create image: %w", err)
		}
		return nil
	})
	if err == nil {
		im.Created = created
	}
	return err
}

// Image finds an image by ID; news.ErrNotFound if there is none.
func (s *Store) Image(ctx context.Context, id int64) (news.Image, error) {
	im, err := scanImage(s.r.QueryRowContext(ctx, s.q(`SELECT `+mediaColumns+` FROM media WHERE id = ?`), id))
	if errors.Is(err, sql.ErrNoRows) {
		return im, news.ErrNotFound
	}
	if err != nil {
		return im, fmt.Errorf("image %d: %w", id, err)
	}
	return im, nil
}

// Images lists the latest images, newest first, for the media library.
func (s *Store) Images(ctx context.Context, limit int) ([]news.Image, error) {
	if limit <= 0 {
		return nil, nil
	}
	rows, err := s.r.QueryContext(ctx, s.q(`SELECT `+mediaColumns+` FROM media ORDER BY created_at DESC, id DESC LIMIT ?`), limit)
	if err != nil {
		return nil, fmt.Errorf("list images: %w", err)
	}
	list, err := scanAll(rows, scanImage)
	if err != nil {
		return nil, fmt.Errorf("list images: %w", err)
	}
	return list, nil
}

// UpdateImage changes what is said about an image (alt text, caption,
// credit); its files never change. news.ErrNotFound if there is none.
func (s *Store) UpdateImage(ctx context.Context, im news.Image) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		return s.updateOne(ctx, tx, "update image", `UPDATE media SET alt = ?, caption = ?, credit = ? WHERE id = ?`,
			im.Alt, im.Caption, im.Credit, im.ID)
	})
}

// focus keeps a focal coordinate within the image; an unset one (0) is the
// centre.
func focus(f float64) float64 {
	if f <= 0 || f > 1 || f != f {
		return 0.5
	}
	return f
}
