// Package accounts runs the newsroom's accounts: creating them, signing in
// with throttled guessing, and server-side sessions with idle and absolute
// expiry.
package accounts

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"log/slog"
	"net/mail"
	"strings"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/midad/midad/internal/news"
)

// Store is what accounts need from storage.
type Store interface {
	CreateUser(ctx context.Context, u *news.User) error
	UserByEmail(ctx context.Context, email string) (news.User, error)
	Users(ctx context.Context) ([]news.User, error)
	SetUserDisabled(ctx context.Context, id int64, disabled bool) error
	SetUserPassword(ctx context.Context, id int64, hash string) (email string, err error)
	CreateSession(ctx context.Context, s news.Session) error
	Session(ctx context.Context, idHash string) (news.Session, news.User, error)
	TouchSession(ctx context.Context, idHash string, at time.Time) error
	DeleteSession(ctx context.Context, idHash string) error
	BeginLoginAttempt(ctx context.Context, at, since time.Time, keys []string, wait func(int, time.Time) time.Duration) (time.Duration, error)
	EndLoginAttempt(ctx context.Context, at time.Time, keys, clear []string) error
	Secret(ctx context.Context, name string, gen func() []byte) ([]byte, error)
}

// Session lifetimes and sign-in throttling.
const (
	IdleTimeout     = 2 * time.Hour  // a session unused this long ends
	AbsoluteTimeout = 12 * time.Hour // and every session ends after this
	failureWindow   = 15 * time.Minute
	freeFailures    = 5                // failures allowed before waiting
	maxWait         = 15 * time.Minute // the longest wait; there is no lock-out
	MinPassword     = 12               // characters
	MaxPassword     = 256
)

// Errors a sign-in can end with. ErrInvalidCredentials is the same whether
// the account exists or not.
var (
	ErrInvalidCredentials = errors.New("invalid email or password")
	ErrThrottled          = errors.New("too many failed sign-ins; wait and try again")
	ErrNoSession          = errors.New("no valid session")
)

// Service is the accounts service.
type Service struct {
	store Store
	log   *slog.Logger
	now   func() time.Time
	dummy string // a hash to check against when the account does not exist
	gate  *hashGate
	// deviceKey caches the key that signs device cookies.
	deviceKey atomic.Pointer[[]byte]
}

// New returns the service; now may be nil for time.Now.
func New(st Store, log *slog.Logger, now func() time.Time) *Service {
	if now == nil {
		now = time.Now
	}
	dummy, _ := HashPassword("no account has this password")
	return &Service{store: st, log: log, now: now, dummy: dummy, gate: newHashGate(hashSlots(), hashQueue)}
}

// InputError lists what is wrong with a new account's fields; each carries
// the translation key of its message.
type InputError struct {
	Fields []*news.FieldError
}

// inputMessages are the errors' English texts, for the command line.
var inputMessages = map[string]string{
	"user.error.email":           "email: not a valid address",
	"user.error.name":            "name: required, at most 100 characters",
	"user.error.role":            "role: one of contributor, author, editor, admin",
	"user.error.password":        "password: 12 to 256 characters",
	"user.error.exists":          "email: an account with this address already exists",
	"user.error.password_blank":  "password: not only spaces",
	"user.error.password_common": "password: too common (among the 10,000 most used, or too few different characters)",

	"error.field.invalid_text":       "name: invalid characters",
	"error.field.mixed_scripts":      "name: a word mixes two scripts (a Cyrillic letter in a Latin name?)",
	"error.field.presentation_forms": "name: Arabic presentation forms; type ordinary Arabic letters",
}

func (e *InputError) Error() string {
	msgs := make([]string, len(e.Fields))
	for i, f := range e.Fields {
		msgs[i] = inputMessages[f.Key]
	}
	return strings.Join(msgs, "; ")
}

// NewUser is an account to create.
type NewUser struct {
	Email, Name, Password string
	Role                  news.Role
}

// Create checks and stores a new account.
func (s *Service) Create(ctx context.Context, in NewUser) (news.User, error) {
	email := strings.ToLower(strings.TrimSpace(in.Email))
	name, nerr := news.CleanName("name", in.Name)
	var fields []*news.FieldError
	if a, err := mail.ParseAddress(email); err != nil || a.Address != email {
		fields = append(fields, &news.FieldError{Field: "email", Key: "user.error.email"})
	}
	var fe *news.FieldError
	switch {
	case errors.As(nerr, &fe) && fe.Key != "error.field.required":
		fields = append(fields, fe) // not text, or mixed scripts: say which
	case nerr != nil || utf8.RuneCountInString(name) > 100:
		fields = append(fields, &news.FieldError{Field: "name", Key: "user.error.name"})
	}
	if !in.Role.Valid() {
		fields = append(fields, &news.FieldError{Field: "role", Key: "user.error.role"})
	}
	if err := CheckNewPassword(in.Password); err != nil {
		fields = append(fields, err.(*news.FieldError))
	}
	if fields != nil {
		return news.User{}, &InputError{Fields: fields}
	}
	hash, err := HashPassword(in.Password)
	if err != nil {
		return news.User{}, err
	}
	u := news.User{Email: email, Name: name, Role: in.Role, PasswordHash: hash}
	if err := s.store.CreateUser(ctx, &u); err != nil {
		if errors.Is(err, news.ErrExists) {
			return news.User{}, &InputError{Fields: []*news.FieldError{{Field: "email", Key: "user.error.exists"}}}
		}
		return news.User{}, err
	}
	s.log.InfoContext(ctx, "account created", "user", u.ID, "role", u.Role)
	return u, nil
}

// wait returns how long a key must wait before its next try, given its
// failures in the window and the last one: nothing for the first failures,
// then a delay that doubles with each failure, up to maxWait. Guessing is
// slowed, nobody is locked out.
func wait(now time.Time) func(n int, last time.Time) time.Duration {
	return func(n int, last time.Time) time.Duration {
		if n < freeFailures {
			return 0
		}
		d := min(time.Second<<min(n-freeFailures, 20), maxWait)
		return max(0, last.Add(d).Sub(now))
	}
}

// Login is SignIn without a device cookie.
func (s *Service) Login(ctx context.Context, email, password, ip string) (token string, u news.User, err error) {
	in, err := s.SignIn(ctx, Attempt{Email: email, Password: password, IP: ip})
	return in.Token, in.User, err
}

// SignIn checks an email and password and opens a session. Each attempt
// counts as a failure of the account and of the address before the
// password is checked (and is taken back if it was right), in the
// transaction that counts the earlier ones, so concurrent guesses are
// slowed as much as successive ones. A browser holding a device cookie of
// the account has its own count instead: the account's owner gets in
// while others guess at it. Password checks are taken a few at a time
// (ErrBusy beyond the queue).
func (s *Service) SignIn(ctx context.Context, in Attempt) (SignedIn, error) {
	now := s.now()
	email := strings.ToLower(strings.TrimSpace(in.Email))
	keys := []string{"email:" + email, "ip:" + in.IP}
	device, err := s.trustedDevice(ctx, email, in.Device)
	if err != nil {
		return SignedIn{}, err
	}
	if device != "" {
		keys = []string{device}
	}
	d, err := s.store.BeginLoginAttempt(ctx, now, now.Add(-failureWindow), keys, wait(now))
	if err != nil {
		return SignedIn{}, err
	}
	if d > 0 {
		return SignedIn{}, &ThrottledError{Wait: d}
	}
	leave, err := s.gate.enter(ctx)
	if err != nil {
		// Turned away before any check: the attempt does not count.
		if rerr := s.store.EndLoginAttempt(context.WithoutCancel(ctx), now, keys, nil); rerr != nil {
			return SignedIn{}, rerr
		}
		return SignedIn{}, err
	}
	u, err := s.store.UserByEmail(ctx, email)
	hash := u.PasswordHash
	if err != nil {
		if !errors.Is(err, news.ErrNotFound) {
			leave()
			return SignedIn{}, err
		}
		hash = s.dummy // same work as for a real account
	}
	ok, herr := CheckPassword(hash, in.Password)
	leave()
	if herr != nil || !ok || err != nil || u.Disabled {
		s.log.InfoContext(ctx, "sign-in failed", "ip", in.IP)
		return SignedIn{}, ErrInvalidCredentials
	}
	if err := s.store.EndLoginAttempt(ctx, now, keys, keys[:1]); err != nil {
		return SignedIn{}, err
	}
	raw := make([]byte, 32)
	if _, err := rand.Read(raw); err != nil {
		return SignedIn{}, err
	}
	token := base64.RawURLEncoding.EncodeToString(raw)
	sess := news.Session{IDHash: hashToken(token), UserID: u.ID, Created: now, LastSeen: now, Expires: now.Add(AbsoluteTimeout)}
	if err := s.store.CreateSession(ctx, sess); err != nil {
		return SignedIn{}, err
	}
	dev := in.Device
	if device == "" {
		if dev, err = s.deviceToken(ctx, email); err != nil {
			return SignedIn{}, err
		}
	}
	s.log.InfoContext(ctx, "signed in", "user", u.ID, "ip", in.IP, "device", device != "")
	return SignedIn{Token: token, Device: dev, User: u}, nil
}

// Authenticate returns the account of a session token, ending the session
// if it has expired or its account was disabled.
func (s *Service) Authenticate(ctx context.Context, token string) (news.User, error) {
	if token == "" {
		return news.User{}, ErrNoSession
	}
	now := s.now()
	h := hashToken(token)
	sess, u, err := s.store.Session(ctx, h)
	if errors.Is(err, news.ErrNotFound) {
		return news.User{}, ErrNoSession
	}
	if err != nil {
		return news.User{}, err
	}
	if u.Disabled || !now.Before(sess.Expires) || now.Sub(sess.LastSeen) >= IdleTimeout {
		if err := s.store.DeleteSession(ctx, h); err != nil {
			return news.User{}, err
		}
		return news.User{}, ErrNoSession
	}
	// Activity is written at most once a minute: enough for the idle
	// expiry, and a page view stays a read.
	if now.Sub(sess.LastSeen) >= time.Minute {
		if err := s.store.TouchSession(ctx, h, now); err != nil {
			return news.User{}, err
		}
	}
	return u, nil
}

// Logout ends the session of a token.
func (s *Service) Logout(ctx context.Context, token string) error {
	if token == "" {
		return nil
	}
	return s.store.DeleteSession(ctx, hashToken(token))
}

// hashToken is what the database keeps of a session token.
func hashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// Users lists every account.
func (s *Service) Users(ctx context.Context) ([]news.User, error) { return s.store.Users(ctx) }

// SetUserDisabled disables or enables an account; disabling ends its
// sessions at once.
func (s *Service) SetUserDisabled(ctx context.Context, id int64, disabled bool) error {
	if err := s.store.SetUserDisabled(ctx, id, disabled); err != nil {
		return err
	}
	s.log.InfoContext(ctx, "account changed", "user", id, "disabled", disabled)
	return nil
}
