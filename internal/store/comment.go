package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/midad/midad/internal/news"
)

const commentColumns = `id, article_id, COALESCE(parent_id, 0), name, email, url, body, status, reason, ip, user_agent,
	dedup_key, created_at, updated_at`

func scanComment(row scanner) (news.Comment, error) {
	var c news.Comment
	var created, updated int64
	err := row.Scan(&c.ID, &c.ArticleID, &c.ParentID, &c.Name, &c.Email, &c.URL, &c.Body, &c.Status, &c.Reason,
		&c.IP, &c.UserAgent, &c.Key, &created, &updated)
	c.Created, c.Updated = fromUnix(created), fromUnix(updated)
	return c, err
}

// AddComment stores a new comment, at c.Created or now, unless the same submission (same Key) is
// stored already, in which case it fills c from the stored one and reports
// a duplicate. Rate limits are checked in the same transaction as the
// insert, so concurrent posts cannot slip past them.
func (s *Store) AddComment(ctx context.Context, c *news.Comment, lim news.CommentLimits) (duplicate bool, err error) {
	if c.Key == "" || !c.Status.Valid() {
		return false, errors.New("add comment: key and status are required")
	}
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		// Where writers do not queue (PostgreSQL), submissions with the
		// same key, address or email take turns from here to the commit.
		keys := []string{"comment-key:" + c.Key}
		if lim.PerIP > 0 {
			keys = append(keys, "comment-ip:"+c.IP)
		}
		if lim.PerEmail > 0 {
			keys = append(keys, "comment-email:"+c.Email)
		}
		if err := s.dialect.lock(ctx, tx, keys...); err != nil {
			return fmt.Errorf("add comment: %w", err)
		}
		prev, err := scanComment(tx.QueryRowContext(ctx, s.q(`SELECT `+commentColumns+` FROM comments WHERE dedup_key = ?`), c.Key))
		if err == nil {
			*c = prev
			duplicate = true
			return nil
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("find duplicate comment: %w", err)
		}
		for _, l := range []struct {
			column, value string
			max           int
		}{{"ip", c.IP, lim.PerIP}, {"email", c.Email, lim.PerEmail}} {
			if l.max <= 0 {
				continue
			}
			var n int
			if err := tx.QueryRowContext(ctx, s.q(`SELECT COUNT(*) FROM comments WHERE `+l.column+` = ? AND created_at >= ?`),
				l.value, lim.Since.Unix()).Scan(&n); err != nil {
				return fmt.Errorf("count comments by %s: %w", l.column, err)
			}
			if n >= l.max {
				return news.ErrRateLimited
			}
		}
		now := c.Created
		if now.IsZero() {
			now = s.now()
		}
		now = now.UTC().Truncate(time.Second)
		c.Created, c.Updated = now, now
		var parent any
		if c.ParentID != 0 {
			parent = c.ParentID
		}
		return tx.QueryRowContext(ctx, s.q(`INSERT INTO comments
			(article_id, parent_id, name, email, url, body, status, reason, ip, user_agent, dedup_key, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`),
			c.ArticleID, parent, c.Name, c.Email, c.URL, c.Body, string(c.Status), c.Reason, c.IP, c.UserAgent, c.Key,
			now.Unix(), now.Unix()).Scan(&c.ID)
	})
	return duplicate, err
}

// Comment returns one comment; news.ErrNotFound if there is none.
func (s *Store) Comment(ctx context.Context, id int64) (news.Comment, error) {
	c, err := scanComment(s.r.QueryRowContext(ctx, s.q(`SELECT `+commentColumns+` FROM comments WHERE id = ?`), id))
	if errors.Is(err, sql.ErrNoRows) {
		return c, news.ErrNotFound
	}
	if err != nil {
		return c, fmt.Errorf("comment %d: %w", id, err)
	}
	return c, nil
}

// HasApprovedComment reports whether this email has an approved comment.
func (s *Store) HasApprovedComment(ctx context.Context, email string) (bool, error) {
	var n int
	err := s.r.QueryRowContext(ctx, s.q(`SELECT COUNT(*) FROM comments WHERE email = ? AND status = 'approved'`), email).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("known commenter: %w", err)
	}
	return n > 0, nil
}

// Comments lists the comments that match f, oldest first.
func (s *Store) Comments(ctx context.Context, f news.CommentFilter) ([]news.Comment, error) {
	var conds []string
	var args []any
	if f.Status != "" {
		conds = append(conds, "status = ?")
		args = append(args, string(f.Status))
	}
	if f.ArticleID != 0 {
		conds = append(conds, "article_id = ?")
		args = append(args, f.ArticleID)
	}
	q := `SELECT ` + commentColumns + ` FROM comments`
	if len(conds) > 0 {
		q += ` WHERE ` + strings.Join(conds, " AND ")
	}
	q += ` ORDER BY created_at, id`
	if f.Limit > 0 {
		q += ` LIMIT ?`
		args = append(args, f.Limit)
	}
	rows, err := s.r.QueryContext(ctx, s.q(q), args...)
	if err != nil {
		return nil, fmt.Errorf("list comments: %w", err)
	}
	list, err := scanAll(rows, scanComment)
	if err != nil {
		return nil, fmt.Errorf("list comments: %w", err)
	}
	return list, nil
}

// SetCommentStatus moves comments to a moderation state and returns how
// many it changed.
func (s *Store) SetCommentStatus(ctx context.Context, ids []int64, status news.CommentStatus) (int, error) {
	if !status.Valid() {
		return 0, fmt.Errorf("invalid comment status %q", status)
	}
	return s.eachComment(ctx, ids, `UPDATE comments SET status = ?, updated_at = ? WHERE id = ?`,
		func(id int64) []any { return []any{string(status), s.now().Unix(), id} })
}

// DeleteComments removes comments for good, with their replies.
func (s *Store) DeleteComments(ctx context.Context, ids []int64) (int, error) {
	return s.eachComment(ctx, ids, `DELETE FROM comments WHERE id = ?`, func(id int64) []any { return []any{id} })
}

func (s *Store) eachComment(ctx context.Context, ids []int64, query string, args func(int64) []any) (int, error) {
	total := 0
	seen := make(map[int64]bool, len(ids))
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		for _, id := range ids {
			if seen[id] {
				continue
			}
			seen[id] = true
			res, err := tx.ExecContext(ctx, s.q(query), args(id)...)
			if err != nil {
				return fmt.Errorf("comment %d: %w", id, err)
			}
			n, err := res.RowsAffected()
			if err != nil {
				return err
			}
			total += int(n)
		}
		return nil
	})
	return total, err
}

// UpdateComment saves a moderator's edit of a comment's name, website and
// text.
func (s *Store) UpdateComment(ctx context.Context, c news.Comment) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		return s.updateOne(ctx, tx, "update comment", `UPDATE comments SET name = ?, url = ?, body = ?, updated_at = ? WHERE id = ?`,
			c.Name, c.URL, c.Body, s.now().Unix(), c.ID)
	})
}

// refusalsKept is how long refusals are kept.
const refusalsKept = 30 * 24 * time.Hour

// RecordRefusal keeps a trace of a refused comment for moderators, and
// forgets those older than refusalsKept.
func (s *Store) RecordRefusal(ctx context.Context, r news.Refusal) error {
	now := s.now()
	return s.inTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, s.q(`INSERT INTO comment_refusals (article_id, reason, ip, created_at) VALUES (?, ?, ?, ?)`),
			r.ArticleID, r.Reason, r.IP, now.Unix())
		if err != nil {
			return fmt.Errorf("record refusal: %w", err)
		}
		if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM comment_refusals WHERE created_at < ?`),
			now.Add(-refusalsKept).Unix()); err != nil {
			return fmt.Errorf("prune refusals: %w", err)
		}
		return nil
	})
}

// Refusals returns the latest refusals, newest first.
func (s *Store) Refusals(ctx context.Context, limit int) ([]news.Refusal, error) {
	if limit <= 0 {
		return nil, nil // both backends agree on what no rows are
	}
	rows, err := s.r.QueryContext(ctx, s.q(`SELECT id, article_id, reason, ip, created_at FROM comment_refusals
		ORDER BY created_at DESC, id DESC LIMIT ?`), limit)
	if err != nil {
		return nil, fmt.Errorf("list refusals: %w", err)
	}
	list, err := scanAll(rows, func(row scanner) (news.Refusal, error) {
		var r news.Refusal
		var created int64
		err := row.Scan(&r.ID, &r.ArticleID, &r.Reason, &r.IP, &created)
		r.Created = fromUnix(created)
		return r, err
	})
	if err != nil {
		return nil, fmt.Errorf("list refusals: %w", err)
	}
	return list, nil
}

// Secret returns the named secret, creating it with gen the first time.
// Every node that shares the database shares its secrets.
func (s *Store) Secret(ctx context.Context, name string, gen func() []byte) ([]byte, error) {
	var v []byte
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO secrets (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING`),
			name, gen()); err != nil {
			return err
		}
		return tx.QueryRowContext(ctx, s.q(`SELECT value FROM secrets WHERE name = ?`), name).Scan(&v)
	})
	if err != nil {
		return nil, fmt.Errorf("secret %s: %w", name, err)
	}
	return v, nil
}

// Check runs the database's own integrity check.
func (s *Store) Check(ctx context.Context) error {
	if s.dialect.name == "postgres" {
		return s.checkPostgres(ctx)
	}
	rows, err := s.r.QueryContext(ctx, `PRAGMA integrity_check`)
	if err != nil {
		return fmt.Errorf("integrity check: %w", err)
	}
	defer rows.Close()
	var problems []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			return err
		}
		if line != "ok" {
			problems = append(problems, line)
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if len(problems) > 0 {
		return fmt.Errorf("integrity check: %s", strings.Join(problems, "; "))
	}
	return nil
}
