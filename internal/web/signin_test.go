package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/midad/midad/internal/news"
)

// TestConcurrentGuessesAreCounted sends 100 wrong passwords at once: only
// the free failures may be checked, every other one waits (429), as if
// they had come one after another.
func TestConcurrentGuessesAreCounted(t *testing.T) {
	s := newServer(t)
	s.account(t, "huda@example.ma", news.Editor)
	const n = 100
	statuses := make([]int, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			form := url.Values{"email": {"huda@example.ma"}, "password": {"guess number " + strings.Repeat("x", i%7)}}
			req, _ := http.NewRequest("POST", s.URL+"/newsroom/login", strings.NewReader(form.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			res, err := s.Client().Do(req)
			if err != nil {
				t.Error(err)
				return
			}
			res.Body.Close()
			statuses[i] = res.StatusCode
		})
	}
	wg.Wait()
	count := map[int]int{}
	for _, st := range statuses {
		count[st]++
	}
	if count[http.StatusUnauthorized] > 5 || count[http.StatusUnauthorized]+count[http.StatusTooManyRequests]+count[http.StatusServiceUnavailable] != n {
		t.Errorf("100 concurrent guesses: %v; want at most 5 checked (401), the rest 429 or 503", count)
	}
	t.Logf("100 concurrent guesses: %v", count)
}

// TestNewsroomOwnerNotLockedOut: after a burst of wrong passwords, the
// account waits (429 with Retry-After), except in the browser its owner
// signed in with before.
func TestNewsroomOwnerNotLockedOut(t *testing.T) {
	s := newServer(t)
	s.account(t, "huda@example.ma", news.Editor)
	res, _ := s.post(t, "/newsroom/login", url.Values{"email": {"huda@example.ma"}, "password": {"a long enough password"}}, nil)
	var device *http.Cookie
	for _, c := range res.Cookies() {
		if c.Name == "midad_device" {
			device = c
		}
	}
	if res.StatusCode != http.StatusSeeOther || device == nil || !device.HttpOnly || device.Path != "/newsroom/login" {
		t.Fatalf("sign-in: %d, device cookie %+v", res.StatusCode, device)
	}
	for range 30 {
		s.post(t, "/newsroom/login", url.Values{"email": {"huda@example.ma"}, "password": {"guess"}}, nil)
	}
	res, body := s.post(t, "/newsroom/login", url.Values{"email": {"huda@example.ma"}, "password": {"a long enough password"}}, nil)
	if res.StatusCode != http.StatusTooManyRequests || res.Header.Get("Retry-After") == "" || !strings.Contains(body, "محاولات دخول كثيرة") {
		t.Errorf("under attack, a new browser: %d, Retry-After %q", res.StatusCode, res.Header.Get("Retry-After"))
	}
	form := url.Values{"email": {"huda@example.ma"}, "password": {"a long enough password"}}
	req, _ := http.NewRequest("POST", s.URL+"/newsroom/login", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.AddCookie(device)
	res, _ = s.do(t, req)
	if res.StatusCode != http.StatusSeeOther || sessionCookie(res) == nil {
		t.Errorf("under attack, the owner's browser: %d", res.StatusCode)
	}
}
