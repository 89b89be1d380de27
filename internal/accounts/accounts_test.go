package accounts

import (
	"context"
	"errors"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/midad/midad/internal/news"
	"github.com/midad/midad/internal/store"
)

func TestPasswordHash(t *testing.T) {
	h, err := HashPassword("كلمة سر طويلة جداً")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Errorf("hash %q does not carry OWASP's parameters", h)
	}
	if ok, err := CheckPassword(h, "كلمة سر طويلة جداً"); !ok || err != nil {
		t.Errorf("the right password fails: %v %v", ok, err)
	}
	if ok, _ := CheckPassword(h, "كلمة سر طويلة جدا"); ok {
		t.Error("a wrong password passes")
	}
	if h2, _ := HashPassword("كلمة سر طويلة جداً"); h2 == h {
		t.Error("two hashes of one password are equal: no salt")
	}
	for _, bad := range []string{"", "plain", strings.Replace(h, "argon2id", "argon2i", 1), h[:len(h)-10] + "!!!!", "$argon2id$v=19$m=99999999,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA"} {
		if ok, err := CheckPassword(bad, "x"); ok || err == nil {
			t.Errorf("malformed hash %q accepted", bad)
		}
	}
}

type env struct {
	ctx context.Context
	st  *store.Store
	svc *Service
	now time.Time
}

func newEnv(t *testing.T) *env {
	t.Helper()
	st, err := store.Open(context.Background(), "sqlite:"+filepath.Join(t.TempDir(), "x.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	e := &env{ctx: context.Background(), st: st, now: time.Now().UTC().Truncate(time.Second)}
	e.svc = New(st, slog.New(slog.DiscardHandler), func() time.Time { return e.now })
	return e
}

const password = "correct horse battery"

func (e *env) user(t *testing.T, email string, role news.Role) news.User {
	t.Helper()
	u, err := e.svc.Create(e.ctx, NewUser{Email: email, Name: "سارة", Password: password, Role: role})
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func TestCreate(t *testing.T) {
	e := newEnv(t)
	u := e.user(t, " Sara@Example.MA ", news.Editor)
	if u.Email != "sara@example.ma" || u.Role != news.Editor || u.ID == 0 || u.PasswordHash == password {
		t.Errorf("created %+v", u)
	}
	for name, in := range map[string]NewUser{
		"taken email":    {Email: "sara@example.ma", Name: "x", Password: password, Role: news.Editor},
		"bad email":      {Email: "sara", Name: "x", Password: password, Role: news.Editor},
		"no name":        {Email: "a@example.ma", Name: " ", Password: password, Role: news.Editor},
		"bad role":       {Email: "a@example.ma", Name: "x", Password: password, Role: "owner"},
		"short password": {Email: "a@example.ma", Name: "x", Password: "short", Role: news.Editor},
		"mixed scripts":  {Email: "a@example.ma", Name: "S\u0430ra", Password: password, Role: news.Editor},
		"presentation":   {Email: "a@example.ma", Name: "ﺳﺎﺭﺓ", Password: password, Role: news.Editor},
	} {
		if _, err := e.svc.Create(e.ctx, in); err == nil {
			t.Errorf("%s: created", name)
		}
	}
	if list, _ := e.st.Users(e.ctx); len(list) != 1 {
		t.Errorf("%d accounts stored, want 1", len(list))
	}
}

func TestLoginAndSession(t *testing.T) {
	e := newEnv(t)
	u := e.user(t, "sara@example.ma", news.AuthorRole)

	token, got, err := e.svc.Login(e.ctx, "SARA@example.ma", password, "192.0.2.1")
	if err != nil || got.ID != u.ID || token == "" {
		t.Fatalf("login: %v %+v", err, got)
	}
	again, _, err := e.svc.Login(e.ctx, "sara@example.ma", password, "192.0.2.1")
	if err != nil || again == token {
		t.Errorf("a second sign-in reuses the session id: %v", err)
	}
	if who, err := e.svc.Authenticate(e.ctx, token); err != nil || who.ID != u.ID {
		t.Fatalf("authenticate: %v", err)
	}
	// Only the token's hash is stored.
	if _, _, err := e.st.Session(e.ctx, token); !errors.Is(err, news.ErrNotFound) {
		t.Error("the raw token finds a session in the database")
	}

	// Idle expiry: used within the idle time it lives on…
	e.now = e.now.Add(IdleTimeout - time.Minute)
	if _, err := e.svc.Authenticate(e.ctx, token); err != nil {
		t.Fatalf("active session ended: %v", err)
	}
	// …left alone longer, it ends.
	e.now = e.now.Add(IdleTimeout)
	if _, err := e.svc.Authenticate(e.ctx, token); !errors.Is(err, ErrNoSession) {
		t.Errorf("idle session still valid: %v", err)
	}

	// Absolute expiry, however active.
	token, _, _ = e.svc.Login(e.ctx, "sara@example.ma", password, "192.0.2.1")
	for elapsed := time.Duration(0); elapsed < AbsoluteTimeout-time.Hour; elapsed += time.Hour {
		e.now = e.now.Add(time.Hour)
		if _, err := e.svc.Authenticate(e.ctx, token); err != nil {
			t.Fatalf("after %v: %v", elapsed, err)
		}
	}
	e.now = e.now.Add(2 * time.Hour)
	if _, err := e.svc.Authenticate(e.ctx, token); !errors.Is(err, ErrNoSession) {
		t.Errorf("session older than the absolute limit still valid: %v", err)
	}

	// Logout and disabling end sessions.
	token, _, _ = e.svc.Login(e.ctx, "sara@example.ma", password, "192.0.2.1")
	if err := e.svc.Logout(e.ctx, token); err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.Authenticate(e.ctx, token); !errors.Is(err, ErrNoSession) {
		t.Error("session valid after logout")
	}
	token, _, _ = e.svc.Login(e.ctx, "sara@example.ma", password, "192.0.2.1")
	if err := e.st.SetUserDisabled(e.ctx, u.ID, true); err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.Authenticate(e.ctx, token); !errors.Is(err, ErrNoSession) {
		t.Error("session valid after the account was disabled")
	}
	if _, _, err := e.svc.Login(e.ctx, "sara@example.ma", password, "192.0.2.1"); !errors.Is(err, ErrInvalidCredentials) {
		t.Errorf("a disabled account signs in: %v", err)
	}
	if _, err := e.svc.Authenticate(e.ctx, "forged"); !errors.Is(err, ErrNoSession) {
		t.Error("a forged token authenticates")
	}
}

func TestLoginSaysNothingAboutAccounts(t *testing.T) {
	e := newEnv(t)
	e.user(t, "sara@example.ma", news.Editor)
	_, _, wrong := e.svc.Login(e.ctx, "sara@example.ma", "wrong password!", "192.0.2.1")
	_, _, unknown := e.svc.Login(e.ctx, "nobody@example.ma", "wrong password!", "192.0.2.2")
	if !errors.Is(wrong, ErrInvalidCredentials) || wrong != unknown {
		t.Errorf("wrong password: %v; unknown account: %v", wrong, unknown)
	}
}

func TestGuessingIsSlowedNotLocked(t *testing.T) {
	e := newEnv(t)
	e.user(t, "sara@example.ma", news.Editor)
	for i := range freeFailures {
		if _, _, err := e.svc.Login(e.ctx, "sara@example.ma", "guess", "203.0.113.7"); !errors.Is(err, ErrInvalidCredentials) {
			t.Fatalf("guess %d: %v", i, err)
		}
	}
	// Now even the right password waits, from the guesser's address and for
	// the account from anywhere…
	if _, _, err := e.svc.Login(e.ctx, "sara@example.ma", password, "203.0.113.7"); !errors.Is(err, ErrThrottled) {
		t.Errorf("after %d failures: %v, want ErrThrottled", freeFailures, err)
	}
	if _, _, err := e.svc.Login(e.ctx, "sara@example.ma", password, "192.0.2.1"); !errors.Is(err, ErrThrottled) {
		t.Errorf("the account is not slowed from elsewhere: %v", err)
	}
	// …but only for a while: the owner gets in after the wait.
	e.now = e.now.Add(2 * time.Second)
	if _, _, err := e.svc.Login(e.ctx, "sara@example.ma", password, "192.0.2.1"); err != nil {
		t.Errorf("after the wait: %v", err)
	}
	// Failures past the window do not count.
	for range freeFailures {
		e.svc.Login(e.ctx, "sara@example.ma", "guess", "198.51.100.9")
	}
	e.now = e.now.Add(failureWindow + time.Second)
	if _, _, err := e.svc.Login(e.ctx, "sara@example.ma", password, "198.51.100.9"); err != nil {
		t.Errorf("after the window: %v", err)
	}
}

func TestRoles(t *testing.T) {
	tests := []struct {
		r, min news.Role
		want   bool
	}{
		{news.Admin, news.Editor, true},
		{news.Editor, news.Editor, true},
		{news.AuthorRole, news.Editor, false},
		{news.Contributor, news.AuthorRole, false},
		{news.AuthorRole, news.Contributor, true},
		{"owner", news.Contributor, false},
	}
	for _, tt := range tests {
		if got := tt.r.AtLeast(tt.min); got != tt.want {
			t.Errorf("%s.AtLeast(%s) = %v", tt.r, tt.min, got)
		}
	}
}
