package accounts

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"runtime"
	"strings"
	"sync/atomic"
	"time"

	"github.com/midad/midad/internal/news"
)

// ErrBusy is the answer when too many sign-ins are already waiting for
// their password to be checked: each check holds 19 MiB, so they are
// taken a few at a time, and a flood is turned away rather than queued
// without end.
var ErrBusy = errors.New("too many sign-ins at once; try again shortly")

// BusyRetry is how long a turned-away sign-in is told to wait.
const BusyRetry = 5 * time.Second

// hashGate bounds concurrent password checks: slots run at once, at most
// queue more wait for a slot, the rest get ErrBusy at once.
type hashGate struct {
	slots   chan struct{}
	waiting atomic.Int64
	queue   int64
	// inside counts the checks running now, peak the most at once.
	inside, peak atomic.Int64
}

func newHashGate(slots, queue int) *hashGate {
	return &hashGate{slots: make(chan struct{}, slots), queue: int64(queue)}
}

// hashSlots is how many passwords are checked at once: one per core, at
// least two, so that memory stays at slots × 19 MiB whatever comes in.
func hashSlots() int { return min(max(runtime.GOMAXPROCS(0), 2), 8) }

// hashQueue is how many sign-ins may wait for a slot.
const hashQueue = 32

func (g *hashGate) enter(ctx context.Context) (leave func(), err error) {
	leave = func() { g.inside.Add(-1); <-g.slots }
	select {
	case g.slots <- struct{}{}:
		g.count()
		return leave, nil
	default:
	}
	if g.waiting.Add(1) > g.queue {
		g.waiting.Add(-1)
		return nil, ErrBusy
	}
	defer g.waiting.Add(-1)
	select {
	case g.slots <- struct{}{}:
		g.count()
		return leave, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// count notes one more check running, and the most at once.
func (g *hashGate) count() {
	for now, peak := g.inside.Add(1), g.peak.Load(); now > peak && !g.peak.CompareAndSwap(peak, now); {
		peak = g.peak.Load()
	}
}

// ThrottledError is ErrThrottled with the time left to wait.
type ThrottledError struct{ Wait time.Duration }

func (e *ThrottledError) Error() string        { return ErrThrottled.Error() }
func (e *ThrottledError) Is(target error) bool { return target == ErrThrottled }

// RetryAfter is how long the sign-in that failed with err should wait
// before trying again, or zero if waiting will not help.
func RetryAfter(err error) time.Duration {
	var t *ThrottledError
	switch {
	case errors.As(err, &t):
		return max(t.Wait, time.Second)
	case errors.Is(err, ErrBusy):
		return BusyRetry
	}
	return 0
}

// Attempt is one sign-in: the form's fields, the address it came from,
// and the device cookie the browser holds, if any.
type Attempt struct {
	Email, Password, IP, Device string
}

// SignedIn is a good sign-in: the session token, the account, and the
// device cookie to set, which lets this browser in while the account is
// under attack.
type SignedIn struct {
	Token  string
	Device string
	User   news.User
}

// deviceSecret is the name of the key that signs device cookies.
const deviceSecret = "login-device"

// deviceToken makes a device cookie for an account: its email, a random
// id, and their HMAC, so that it can be neither forged nor moved to
// another account.
func (s *Service) deviceToken(ctx context.Context, email string) (string, error) {
	key, err := s.secret(ctx)
	if err != nil {
		return "", err
	}
	id := make([]byte, 16)
	rand.Read(id)
	body := base64.RawURLEncoding.EncodeToString([]byte(email)) + "." + base64.RawURLEncoding.EncodeToString(id)
	return body + "." + sign(key, body), nil
}

// trustedDevice returns the throttling key of a device cookie that is
// valid for email, or "".
func (s *Service) trustedDevice(ctx context.Context, email, token string) (string, error) {
	if token == "" {
		return "", nil
	}
	i := strings.LastIndexByte(token, '.')
	if i < 0 {
		return "", nil
	}
	body, mac := token[:i], token[i+1:]
	enc, _, _ := strings.Cut(body, ".")
	who, err := base64.RawURLEncoding.DecodeString(enc)
	if err != nil || string(who) != email {
		return "", nil
	}
	key, err := s.secret(ctx)
	if err != nil {
		return "", err
	}
	if !hmac.Equal([]byte(mac), []byte(sign(key, body))) {
		return "", nil
	}
	return "device:" + hashToken(token), nil
}

// secret is the key that signs device cookies, read once from the store
// (shared by every node on the database).
func (s *Service) secret(ctx context.Context) ([]byte, error) {
	if k := s.deviceKey.Load(); k != nil {
		return *k, nil
	}
	k, err := s.store.Secret(ctx, deviceSecret, func() []byte {
		b := make([]byte, 32)
		rand.Read(b)
		return b
	})
	if err != nil {
		return nil, err
	}
	s.deviceKey.Store(&k)
	return k, nil
}

func sign(key []byte, body string) string {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(body))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}
