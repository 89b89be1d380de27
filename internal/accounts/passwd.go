package accounts

import (
	"context"
	"errors"

	"github.com/midad/midad/internal/news"
)

// SetPassword gives an account a new password, judged like every new one
// (CheckNewPassword), and ends all its sessions in the same transaction:
// whoever signed in with the old password is out. It also forgets the
// account's failed sign-ins, so that its owner is not kept waiting by a
// stranger's guesses. It is how a locked-out administrator gets back in,
// with `midad user passwd` on the server.
func (s *Service) SetPassword(ctx context.Context, id int64, password string) error {
	if err := CheckNewPassword(password); err != nil {
		return &InputError{Fields: []*news.FieldError{err.(*news.FieldError)}}
	}
	hash, err := HashPassword(password)
	if err != nil {
		return err
	}
	email, err := s.store.SetUserPassword(ctx, id, hash)
	if err != nil {
		return err
	}
	if err := s.store.EndLoginAttempt(ctx, s.now(), nil, []string{"email:" + email}); err != nil {
		return errors.Join(errors.New("password changed, but its failed sign-ins are still counted"), err)
	}
	s.log.InfoContext(ctx, "password changed", "user", id)
	return nil
}
