package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/midad/midad/internal/news"
)

const userColumns = `id, email, name, role, password_hash, disabled, created_at, COALESCE(author_id, 0)`

func scanUser(row scanner) (news.User, error) {
	var u news.User
	var created int64
	err := row.Scan(&u.ID, &u.Email, &u.Name, &u.Role, &u.PasswordHash, &u.Disabled, &created, &u.AuthorID)
	u.Created = fromUnix(created)
	return u, err
}

// CreateUser stores a new account and sets its ID; news.ErrExists if the
// email is taken.
func (s *Store) CreateUser(ctx context.Context, u *news.User) error {
	if !u.Role.Valid() || u.Email == "" || u.PasswordHash == "" {
		return errors.New("create user: email, role and password hash are required")
	}
	u.Created = s.now().UTC().Truncate(time.Second)
	return s.inTx(ctx, func(tx *sql.Tx) error {
		return uniqueViolation(tx.QueryRowContext(ctx, s.q(`INSERT INTO users (email, name, role, password_hash, disabled, created_at)
			VALUES (?, ?, ?, ?, ?, ?) RETURNING id`), u.Email, u.Name, string(u.Role), u.PasswordHash, u.Disabled,
			u.Created.Unix()).Scan(&u.ID))
	})
}

// SetUserAuthor makes authorID the byline the account signs with.
func (s *Store) SetUserAuthor(ctx context.Context, userID, authorID int64) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		return s.updateOne(ctx, tx, "set user author", `UPDATE users SET author_id = ? WHERE id = ?`, authorID, userID)
	})
}

// UserByEmail finds an account; news.ErrNotFound if there is none.
func (s *Store) UserByEmail(ctx context.Context, email string) (news.User, error) {
	return s.user(ctx, `email = ?`, email)
}

// UserByID finds an account; news.ErrNotFound if there is none.
func (s *Store) UserByID(ctx context.Context, id int64) (news.User, error) {
	return s.user(ctx, `id = ?`, id)
}

func (s *Store) user(ctx context.Context, where string, arg any) (news.User, error) {
	u, err := scanUser(s.r.QueryRowContext(ctx, s.q(`SELECT `+userColumns+` FROM users WHERE `+where), arg))
	if errors.Is(err, sql.ErrNoRows) {
		return u, news.ErrNotFound
	}
	if err != nil {
		return u, fmt.Errorf("user %v: %w", arg, err)
	}
	return u, nil
}

// Users lists every account, by name.
func (s *Store) Users(ctx context.Context) ([]news.User, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT `+userColumns+` FROM users ORDER BY name, id`)
	if err != nil {
		return nil, fmt.Errorf("list users: %w", err)
	}
	list, err := scanAll(rows, scanUser)
	if err != nil {
		return nil, fmt.Errorf("list users: %w", err)
	}
	return list, nil
}

// SetUserDisabled disables or enables an account; disabling it ends its
// sessions in the same transaction.
func (s *Store) SetUserDisabled(ctx context.Context, id int64, disabled bool) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if err := s.updateOne(ctx, tx, "disable user", `UPDATE users SET disabled = ? WHERE id = ?`, disabled, id); err != nil {
			return err
		}
		if disabled {
			if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM sessions WHERE user_id = ?`), id); err != nil {
				return fmt.Errorf("end sessions: %w", err)
			}
		}
		return nil
	})
}

// SetUserPassword replaces an account's password hash and ends its
// sessions in the same transaction; it returns the account's email, or
// news.ErrNotFound.
func (s *Store) SetUserPassword(ctx context.Context, id int64, hash string) (string, error) {
	if hash == "" {
		return "", errors.New("set user password: empty hash")
	}
	var email string
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, s.q(`UPDATE users SET password_hash = ? WHERE id = ? RETURNING email`), hash, id).Scan(&email)
		if errors.Is(err, sql.ErrNoRows) {
			return news.ErrNotFound
		}
		if err != nil {
			return fmt.Errorf("set user password: %w", err)
		}
		if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM sessions WHERE user_id = ?`), id); err != nil {
			return fmt.Errorf("end sessions: %w", err)
		}
		return nil
	})
	return email, err
}

// CreateSession stores a new session.
func (s *Store) CreateSession(ctx context.Context, sess news.Session) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, s.q(`INSERT INTO sessions (id_hash, user_id, created_at, last_seen, expires_at)
			VALUES (?, ?, ?, ?, ?)`), sess.IDHash, sess.UserID, sess.Created.Unix(), sess.LastSeen.Unix(), sess.Expires.Unix())
		if err != nil {
			return fmt.Errorf("create session: %w", err)
		}
		return nil
	})
}

// Session returns a session with its account; news.ErrNotFound if there
// is none.
func (s *Store) Session(ctx context.Context, idHash string) (news.Session, news.User, error) {
	var sess news.Session
	var u news.User
	var userCreated, created, seen, expires int64
	err := s.r.QueryRowContext(ctx, s.q(`SELECT u.id, u.email, u.name, u.role, u.password_hash, u.disabled, u.created_at,
		s.id_hash, s.created_at, s.last_seen, s.expires_at
		FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id_hash = ?`), idHash).Scan(
		&u.ID, &u.Email, &u.Name, &u.Role, &u.PasswordHash, &u.Disabled, &userCreated,
		&sess.IDHash, &created, &seen, &expires)
	if errors.Is(err, sql.ErrNoRows) {
		return sess, u, news.ErrNotFound
	}
	if err != nil {
		return sess, u, fmt.Errorf("session: %w", err)
	}
	u.Created = fromUnix(userCreated)
	sess.UserID = u.ID
	sess.Created, sess.LastSeen, sess.Expires = fromUnix(created), fromUnix(seen), fromUnix(expires)
	return sess, u, nil
}

// TouchSession records activity on a session, for its idle expiry.
func (s *Store) TouchSession(ctx context.Context, idHash string, at time.Time) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, s.q(`UPDATE sessions SET last_seen = ? WHERE id_hash = ?`), at.Unix(), idHash)
		return err
	})
}

// DeleteSession ends a session.
func (s *Store) DeleteSession(ctx context.Context, idHash string) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, s.q(`DELETE FROM sessions WHERE id_hash = ?`), idHash)
		return err
	})
}

// RecordLoginFailure notes a failed sign-in under each key (the account,
// the address), and forgets failures older than a day.
func (s *Store) RecordLoginFailure(ctx context.Context, at time.Time, keys ...string) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		for _, k := range keys {
			if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO login_failures (key, at) VALUES (?, ?)`), k, at.Unix()); err != nil {
				return fmt.Errorf("record login failure: %w", err)
			}
		}
		_, err := tx.ExecContext(ctx, s.q(`DELETE FROM login_failures WHERE at < ?`), at.Add(-24*time.Hour).Unix())
		return err
	})
}

// LoginFailures returns how many failures a key has since a time, and when
// the last one was.
func (s *Store) LoginFailures(ctx context.Context, key string, since time.Time) (int, time.Time, error) {
	var n int
	var last sql.NullInt64
	err := s.r.QueryRowContext(ctx, s.q(`SELECT COUNT(*), MAX(at) FROM login_failures WHERE key = ? AND at >= ?`),
		key, since.Unix()).Scan(&n, &last)
	if err != nil {
		return 0, time.Time{}, fmt.Errorf("count login failures: %w", err)
	}
	return n, fromUnix(last.Int64), nil
}

// ClearLoginFailures forgets a key's failures, after a good sign-in.
func (s *Store) ClearLoginFailures(ctx context.Context, key string) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, s.q(`DELETE FROM login_failures WHERE key = ?`), key)
		return err
	})
}
