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

// addRevision keeps the article's state as stored in tx as revision
// version, unless that revision exists already.
func (s *Store) addRevision(ctx context.Context, tx *sql.Tx, articleID int64, version int, by int64, note string, now time.Time) error {
	var n int
	if err := tx.QueryRowContext(ctx, s.q(`SELECT COUNT(*) FROM revisions WHERE article_id = ? AND version = ?`),
		articleID, version).Scan(&n); err != nil {
		return fmt.Errorf("read revisions: %w", err)
	}
	if n > 0 {
		return nil
	}
	a, err := scanArticle(tx.QueryRowContext(ctx, s.q(`SELECT `+articleColumns+articleFrom+` WHERE a.id = ?`), articleID))
	if err != nil {
		return fmt.Errorf("read article %d: %w", articleID, err)
	}
	if a.Authors, a.Tags, err = s.bylines(ctx, tx, articleID); err != nil {
		return err
	}
	data, err := json.Marshal(a.Snapshot())
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO revisions (article_id, version, user_id, status, note, data, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`), articleID, version, nullID(by), string(a.Status), note, string(data), now.Unix()); err != nil {
		return fmt.Errorf("add revision: %w", err)
	}
	return nil
}

const revisionColumns = `r.article_id, r.version, COALESCE(r.user_id, 0), COALESCE(u.name, ''), r.note, r.data, r.created_at`

func scanRevision(row scanner) (news.Revision, error) {
	var r news.Revision
	var data string
	var created int64
	if err := row.Scan(&r.ArticleID, &r.Version, &r.UserID, &r.UserName, &r.Note, &data, &created); err != nil {
		return r, err
	}
	r.Created = fromUnix(created)
	if err := json.Unmarshal([]byte(data), &r.Snapshot); err != nil {
		return r, fmt.Errorf("revision %d of article %d: %w", r.Version, r.ArticleID, err)
	}
	return r, nil
}

// maxRevisions is how many of an article's revisions are listed.
const maxRevisions = 200

// Revisions lists an article's latest revisions, newest first.
func (s *Store) Revisions(ctx context.Context, articleID int64) ([]news.Revision, error) {
	rows, err := s.r.QueryContext(ctx, s.q(`SELECT `+revisionColumns+` FROM revisions r LEFT JOIN users u ON u.id = r.user_id
		WHERE r.article_id = ? ORDER BY r.version DESC LIMIT ?`), articleID, maxRevisions)
	if err != nil {
		return nil, fmt.Errorf("list revisions: %w", err)
	}
	return scanAll(rows, scanRevision)
}

// Revision returns one revision of an article; news.ErrNotFound if there
// is no such revision.
func (s *Store) Revision(ctx context.Context, articleID int64, version int) (news.Revision, error) {
	r, err := scanRevision(s.r.QueryRowContext(ctx, s.q(`SELECT `+revisionColumns+` FROM revisions r
		LEFT JOIN users u ON u.id = r.user_id WHERE r.article_id = ? AND r.version = ?`), articleID, version))
	if errors.Is(err, sql.ErrNoRows) {
		return r, news.ErrNotFound
	}
	return r, err
}

// DeskArticles lists articles for the newsroom, whatever their status,
// most recently changed first.
func (s *Store) DeskArticles(ctx context.Context, f news.DeskFilter, p news.Page) (news.ArticleList, error) {
	list := news.ArticleList{Page: p}
	where, args := `1 = 1`, []any{}
	if f.Status != "" {
		where += ` AND a.status = ?`
		args = append(args, string(f.Status))
	}
	if f.CreatedBy != 0 {
		where += ` AND a.created_by = ?`
		args = append(args, f.CreatedBy)
	}
	if err := s.r.QueryRowContext(ctx, s.q(`SELECT COUNT(*) FROM articles a WHERE `+where), args...).Scan(&list.Total); err != nil {
		return list, fmt.Errorf("count articles: %w", err)
	}
	rows, err := s.r.QueryContext(ctx, s.q(`SELECT `+articleColumns+articleFrom+` WHERE `+where+
		` ORDER BY a.updated_at DESC, a.id DESC LIMIT ? OFFSET ?`), append(args, p.Size, p.Offset())...)
	if err != nil {
		return list, fmt.Errorf("list articles: %w", err)
	}
	list.Articles, err = s.collect(ctx, rows)
	return list, err
}

// DueArticles returns the ids of scheduled articles whose time has come.
func (s *Store) DueArticles(ctx context.Context, now time.Time) ([]int64, error) {
	rows, err := s.r.QueryContext(ctx, s.q(`SELECT id FROM articles WHERE status = 'scheduled' AND published_at <= ?
		ORDER BY published_at, id LIMIT 100`), now.Unix())
	if err != nil {
		return nil, fmt.Errorf("due articles: %w", err)
	}
	return scanAll(rows, func(r scanner) (int64, error) {
		var id int64
		err := r.Scan(&id)
		return id, err
	})
}

// BreakingFor is how long after its publication an article flagged as
// breaking news stays in the banner: news that old is no longer breaking,
// whether or not someone remembers to lower the flag.
const BreakingFor = 24 * time.Hour

// Breaking returns the visible articles flagged as breaking news and
// published within BreakingFor, newest first.
func (s *Store) Breaking(ctx context.Context, now time.Time, limit int) ([]news.Article, error) {
	rows, err := s.r.QueryContext(ctx, s.q(`SELECT `+articleColumns+articleFrom+`
		WHERE a.breaking = `+s.dialect.trueValue+` AND a.status = 'published' AND a.published_at <= ? AND a.published_at > ?
		ORDER BY a.published_at DESC, a.id DESC LIMIT ?`), now.Unix(), now.Add(-BreakingFor).Unix(), limit)
	if err != nil {
		return nil, fmt.Errorf("breaking news: %w", err)
	}
	return s.collect(ctx, rows)
}

// ClaimEdit notes that userID has the article open in the editor until
// the given time, unless someone else holds it; it returns who holds it
// (userID itself when the claim succeeded). It is a warning, not a lock:
// UpdateArticle's version check is what keeps saves from overwriting.
func (s *Store) ClaimEdit(ctx context.Context, articleID, userID int64, now, until time.Time) (holder int64, err error) {
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, s.q(`UPDATE articles SET editing_by = ?, editing_until = ?
			WHERE id = ? AND (editing_by IS NULL OR editing_by = ? OR editing_until < ?)`),
			userID, until.Unix(), articleID, userID, now.Unix())
		if err != nil {
			return fmt.Errorf("claim article %d: %w", articleID, err)
		}
		if n, err := res.RowsAffected(); err != nil || n == 1 {
			holder = userID
			return err
		}
		err = tx.QueryRowContext(ctx, s.q(`SELECT COALESCE(editing_by, 0) FROM articles WHERE id = ?`), articleID).Scan(&holder)
		if errors.Is(err, sql.ErrNoRows) {
			return news.ErrNotFound
		}
		return err
	})
	return holder, err
}

// EditHolder returns who has the article open in the editor at now (0:
// nobody), without claiming it.
func (s *Store) EditHolder(ctx context.Context, articleID int64, now time.Time) (int64, error) {
	var holder int64
	err := s.r.QueryRowContext(ctx, s.q(`SELECT CASE WHEN editing_until >= ? THEN COALESCE(editing_by, 0) ELSE 0 END
		FROM articles WHERE id = ?`), now.Unix(), articleID).Scan(&holder)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, news.ErrNotFound
	}
	if err != nil {
		return 0, fmt.Errorf("edit holder %d: %w", articleID, err)
	}
	return holder, nil
}

// ReleaseEdit gives up userID's claim on the article, if it holds one.
func (s *Store) ReleaseEdit(ctx context.Context, articleID, userID int64) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, s.q(`UPDATE articles SET editing_by = NULL, editing_until = 0
			WHERE id = ? AND editing_by = ?`), articleID, userID)
		return err
	})
}
