package cli

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/midad/midad/internal/accounts"
	"github.com/midad/midad/internal/store"
)

// TestUserPasswd: an administrator who can no longer sign in (a forgotten
// password, a stranger guessing at the account) gets back in with `midad
// user passwd` on the server: the new password passes the newsroom's
// checks, every old session ends, and the stranger's failed guesses no
// longer keep the owner waiting.
func TestUserPasswd(t *testing.T) {
	ctx := context.Background()
	data := t.TempDir()
	const old, fresh = "a long enough password", "قلم مداد على ورق أبيض"
	if code, out, errOut := runIn(t, old+"\n", "user", "add", "--data", data, "--email", "admin@example.ma", "--name", "مديرة",
		"--role", "admin", "--password-stdin"); code != 0 {
		t.Fatalf("add: exit %d, %q, %q", code, out, errOut)
	}
	st, err := store.Open(ctx, "sqlite:"+filepath.Join(data, "midad.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	svc := accounts.New(st, slog.New(slog.NewTextHandler(io.Discard, nil)), nil)
	token, _, err := svc.Login(ctx, "admin@example.ma", old, "192.0.2.1")
	if err != nil {
		t.Fatal(err)
	}
	// A stranger's burst of guesses, as the sign-in counts them: the
	// account must now wait a quarter of an hour, from any address.
	for range 20 {
		if err := st.RecordLoginFailure(ctx, time.Now(), "email:admin@example.ma"); err != nil {
			t.Fatal(err)
		}
	}
	if _, _, err := svc.Login(ctx, "admin@example.ma", old, "203.0.113.9"); !errors.Is(err, accounts.ErrThrottled) {
		t.Fatalf("before: the owner's sign-in gave %v, want the wait the guesses caused", err)
	}

	for _, tt := range []struct {
		name  string
		stdin string
		args  []string
		code  int
		want  string // in stderr
	}{
		{"a common password", "password1234\n", []string{"--email", "admin@example.ma", "--password-stdin"}, 1, "too common"},
		{"a short one", "short\n", []string{"1", "--password-stdin"}, 1, "12 to 256 characters"},
		{"only spaces", strings.Repeat(" ", 14) + "\n", []string{"1", "--password-stdin"}, 1, "not only spaces"},
		{"no --password-stdin", fresh + "\n", []string{"--email", "admin@example.ma"}, 2, "--password-stdin is required"},
		{"nobody named", fresh + "\n", []string{"--password-stdin"}, 2, "give its id or --email"},
		{"both an id and an email", fresh + "\n", []string{"1", "--email", "admin@example.ma", "--password-stdin"}, 2, "not both"},
		{"an unknown email", fresh + "\n", []string{"--email", "nobody@example.ma", "--password-stdin"}, 1, "no such account"},
		{"an unknown id", fresh + "\n", []string{"7", "--password-stdin"}, 1, "no such account"},
	} {
		code, out, errOut := runIn(t, tt.stdin, append([]string{"user", "passwd", "--data", data}, tt.args...)...)
		if code != tt.code || !strings.Contains(errOut, tt.want) {
			t.Errorf("%s: exit %d, stdout %q, stderr %q; want %d, %q", tt.name, code, out, errOut, tt.code, tt.want)
		}
	}
	if _, err := svc.Authenticate(ctx, token); err != nil {
		t.Fatalf("a refused password ended the session: %v", err)
	}

	// The email as typed, in capitals, and the flags after it.
	code, out, errOut := runIn(t, fresh+"\n", "user", "passwd", "--email", "Admin@Example.ma", "--password-stdin", "--data", data)
	if code != 0 || !strings.Contains(out, "password of account 1 (admin@example.ma) changed; its sessions have ended") {
		t.Fatalf("passwd: exit %d, %q, %q", code, out, errOut)
	}
	if _, err := svc.Authenticate(ctx, token); !errors.Is(err, accounts.ErrNoSession) {
		t.Errorf("the old session still works: %v", err)
	}
	if _, _, err := svc.Login(ctx, "admin@example.ma", fresh, "203.0.113.9"); err != nil {
		t.Errorf("the new password: %v", err)
	}
	if _, _, err := svc.Login(ctx, "admin@example.ma", old, "203.0.113.10"); !errors.Is(err, accounts.ErrInvalidCredentials) {
		t.Errorf("the old password: %v", err)
	}

	// By id, on a disabled account: the password changes, and the command
	// says how to enable it.
	if code, _, _ := runIn(t, "", "user", "disable", "1", "--data", data); code != 0 {
		t.Fatal("disable")
	}
	code, out, errOut = runIn(t, old+"\n", "user", "passwd", "1", "--password-stdin", "--data", data)
	if code != 0 || !strings.Contains(out, "midad user enable 1") {
		t.Errorf("passwd on a disabled account: exit %d, %q, %q", code, out, errOut)
	}
}
