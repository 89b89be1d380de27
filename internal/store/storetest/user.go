package storetest

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/midad/midad/internal/news"
	"github.com/midad/midad/internal/store"
)

// testSetUserPassword: a new password hash ends the account's sessions in
// the same write, and no one else's.
func testSetUserPassword(t *testing.T, s *store.Store) {
	ctx := context.Background()
	now := time.Now().UTC().Truncate(time.Second)
	var users [2]news.User
	for i, email := range []string{"amina@example.ma", "omar@example.ma"} {
		users[i] = news.User{Email: email, Name: "x", Role: news.Admin, PasswordHash: "old"}
		must(t, s.CreateUser(ctx, &users[i]))
		must(t, s.CreateSession(ctx, news.Session{IDHash: email, UserID: users[i].ID, Created: now, LastSeen: now, Expires: now.Add(time.Hour)}))
	}
	email, err := s.SetUserPassword(ctx, users[0].ID, "new")
	if err != nil || email != "amina@example.ma" {
		t.Fatalf("SetUserPassword: %q, %v", email, err)
	}
	if u, err := s.UserByID(ctx, users[0].ID); err != nil || u.PasswordHash != "new" {
		t.Errorf("after: %q, %v", u.PasswordHash, err)
	}
	if _, _, err := s.Session(ctx, "amina@example.ma"); !errors.Is(err, news.ErrNotFound) {
		t.Errorf("the account's session: %v, want it ended", err)
	}
	if _, _, err := s.Session(ctx, "omar@example.ma"); err != nil {
		t.Errorf("another account's session: %v", err)
	}
	if _, err := s.SetUserPassword(ctx, 999, "new"); !errors.Is(err, news.ErrNotFound) {
		t.Errorf("unknown account: %v", err)
	}
}
