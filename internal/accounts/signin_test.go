package accounts

import (
	"errors"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/midad/midad/internal/news"
)

// TestOwnerGetsInUnderAttack: a burst of wrong passwords from many
// addresses slows the account for everyone else, but not for the browser
// its owner signed in with before.
func TestOwnerGetsInUnderAttack(t *testing.T) {
	e := newEnv(t)
	e.user(t, "sara@example.ma", news.Editor)
	e.user(t, "omar@example.ma", news.Editor)
	first, err := e.svc.SignIn(e.ctx, Attempt{Email: "sara@example.ma", Password: password, IP: "192.0.2.1"})
	if err != nil || first.Device == "" {
		t.Fatalf("first sign-in: %v, device %q", err, first.Device)
	}
	omar, _ := e.svc.SignIn(e.ctx, Attempt{Email: "omar@example.ma", Password: password, IP: "192.0.2.9"})
	for i := range 30 {
		e.svc.SignIn(e.ctx, Attempt{Email: "sara@example.ma", Password: "guess", IP: fmt.Sprintf("203.0.113.%d", i)})
	}
	if _, err := e.svc.SignIn(e.ctx, Attempt{Email: "sara@example.ma", Password: password, IP: "192.0.2.1"}); !errors.Is(err, ErrThrottled) {
		t.Errorf("without the device cookie, under attack: %v, want ErrThrottled", err)
	}
	for name, dev := range map[string]string{
		"another account's": omar.Device,
		"forged":            strings.Replace(first.Device, "c2FyYUBleGFtcGxlLm1h", "b21hckBleGFtcGxlLm1h", 1) + "x",
		"tampered":          first.Device[:len(first.Device)-2] + "AA",
	} {
		if _, err := e.svc.SignIn(e.ctx, Attempt{Email: "sara@example.ma", Password: password, IP: "192.0.2.1", Device: dev}); !errors.Is(err, ErrThrottled) {
			t.Errorf("%s device cookie passes the throttle: %v", name, err)
		}
	}
	again, err := e.svc.SignIn(e.ctx, Attempt{Email: "sara@example.ma", Password: password, IP: "198.51.100.3", Device: first.Device})
	if err != nil || again.Token == "" {
		t.Fatalf("the owner's browser is locked out: %v", err)
	}
	// A stolen device cookie does not give unlimited guesses: it has its
	// own count.
	for range freeFailures {
		e.svc.SignIn(e.ctx, Attempt{Email: "sara@example.ma", Password: "guess", IP: "198.51.100.3", Device: first.Device})
	}
	if _, err := e.svc.SignIn(e.ctx, Attempt{Email: "sara@example.ma", Password: password, IP: "198.51.100.3", Device: first.Device}); !errors.Is(err, ErrThrottled) {
		t.Errorf("guessing with a device cookie is not slowed: %v", err)
	}
}

// peakRSS resets the kernel's record of the process's peak memory, or
// reads it (in bytes) when reset is false.
func peakRSS(t *testing.T, reset bool) int64 {
	t.Helper()
	if reset {
		if err := os.WriteFile("/proc/self/clear_refs", []byte("5"), 0); err != nil {
			t.Skipf("cannot reset the peak memory: %v", err)
		}
		return 0
	}
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		t.Skip(err)
	}
	for line := range strings.Lines(string(b)) {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			return kb << 10
		}
	}
	t.Skip("no VmHWM")
	return 0
}

// TestConcurrentSignInsBoundMemory sends 200 sign-ins with unknown emails
// from 200 addresses at once: password checks are taken a few at a time,
// so the process's peak memory stays far below 200 × 19 MiB, and those
// beyond the queue are told to come back (ErrBusy), not left waiting.
func TestConcurrentSignInsBoundMemory(t *testing.T) {
	e := newEnv(t)
	runtime.GC()
	peakRSS(t, true)
	const n = 200
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			_, errs[i] = e.svc.SignIn(e.ctx, Attempt{Email: fmt.Sprintf("nobody%d@example.ma", i), Password: "guess",
				IP: fmt.Sprintf("10.0.%d.%d", i/250, i%250)})
		})
	}
	wg.Wait()
	peak := peakRSS(t, false)
	var invalid, busy int
	for _, err := range errs {
		switch {
		case errors.Is(err, ErrInvalidCredentials):
			invalid++
		case errors.Is(err, ErrBusy):
			busy++
		default:
			t.Errorf("sign-in: %v", err)
		}
	}
	t.Logf("200 concurrent sign-ins: %d checked, %d turned away, at most %d at once; peak RSS %d MiB",
		invalid, busy, e.svc.gate.peak.Load(), peak>>20)
	if at := e.svc.gate.peak.Load(); at < 1 || at > int64(hashSlots()) {
		t.Errorf("%d password checks ran at once, want 1 to %d", at, hashSlots())
	}
	// The race detector's shadow memory makes RSS meaningless there.
	if limit := int64(hashSlots()+2) * 19 << 20 * 3; !raceEnabled && peak > limit+100<<20 {
		t.Errorf("peak memory %d MiB under 200 concurrent sign-ins; want under %d MiB", peak>>20, (limit+100<<20)>>20)
	}
	if invalid < hashSlots() {
		t.Errorf("only %d sign-ins were checked", invalid)
	}
}
