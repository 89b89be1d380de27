package web_test

import (
	"context"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/midad/midad/internal/accounts"
	"github.com/midad/midad/internal/news"
)

func (s *server) account(t *testing.T, email string, role news.Role) {
	t.Helper()
	svc := accounts.New(s.store, slog.New(slog.DiscardHandler), nil)
	if _, err := svc.Create(context.Background(), accounts.NewUser{Email: email, Name: "هدى المحررة", Password: "a long enough password", Role: role}); err != nil {
		t.Fatal(err)
	}
}

func sessionCookie(res *http.Response) *http.Cookie {
	for _, c := range res.Cookies() {
		if c.Name == "midad_session" {
			return c
		}
	}
	return nil
}

func TestNewsroomSignIn(t *testing.T) {
	s := newServer(t)
	s.account(t, "huda@example.ma", news.Editor)

	// Not signed in: the newsroom sends to the sign-in page.
	res, _ := s.get(t, "GET", "/newsroom/")
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/newsroom/login" {
		t.Fatalf("anonymous newsroom: %d %s", res.StatusCode, res.Header.Get("Location"))
	}
	res, body := s.get(t, "GET", "/newsroom/login")
	if res.StatusCode != 200 || !strings.Contains(body, `autocomplete="current-password"`) {
		t.Fatalf("login page: %d", res.StatusCode)
	}
	arabicPage(t, body)

	// A wrong password and an unknown account get the same answer.
	_, wrong := s.post(t, "/newsroom/login", url.Values{"email": {"huda@example.ma"}, "password": {"not the password"}}, nil)
	_, unknown := s.post(t, "/newsroom/login", url.Values{"email": {"nobody@example.ma"}, "password": {"not the password"}}, nil)
	for _, b := range []string{wrong, unknown} {
		if !strings.Contains(b, "البريد الإلكتروني أو كلمة المرور غير صحيحة.") {
			t.Error("a failed sign-in does not say so in Arabic")
		}
	}

	res, _ = s.post(t, "/newsroom/login", url.Values{"email": {"HUDA@example.ma"}, "password": {"a long enough password"}}, nil)
	c := sessionCookie(res)
	if res.StatusCode != http.StatusSeeOther || c == nil || !c.HttpOnly || c.SameSite != http.SameSiteLaxMode || c.Path != "/newsroom" {
		t.Fatalf("sign-in: %d, cookie %+v", res.StatusCode, c)
	}

	req, _ := http.NewRequest("GET", s.URL+"/newsroom/", nil)
	req.AddCookie(c)
	res, body = s.do(t, req)
	if res.StatusCode != 200 || !strings.Contains(body, "<bdi>هدى المحررة</bdi> — محرر") || res.Header.Get("Cache-Control") != "no-store" {
		t.Fatalf("newsroom home: %d", res.StatusCode)
	}
	if !strings.Contains(body, "تعليقات بانتظار المراجعة") {
		t.Error("an editor's home has no moderation queue")
	}

	// Signing out ends the session on the server, not just the cookie.
	req, _ = http.NewRequest("POST", s.URL+"/newsroom/logout", nil)
	req.AddCookie(c)
	if res, _ := s.do(t, req); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("logout: %d", res.StatusCode)
	}
	req, _ = http.NewRequest("GET", s.URL+"/newsroom/", nil)
	req.AddCookie(c)
	if res, _ := s.do(t, req); res.StatusCode != http.StatusSeeOther {
		t.Errorf("the old cookie still opens the newsroom: %d", res.StatusCode)
	}

	// A sign-in posted from another site is refused.
	res, _ = s.post(t, "/newsroom/login", url.Values{"email": {"huda@example.ma"}, "password": {"a long enough password"}},
		map[string]string{"Sec-Fetch-Site": "cross-site"})
	if res.StatusCode != http.StatusForbidden || sessionCookie(res) != nil {
		t.Errorf("cross-site sign-in: %d", res.StatusCode)
	}
}

func TestNewsroomThrottlesGuessing(t *testing.T) {
	s := newServer(t)
	s.account(t, "huda@example.ma", news.Editor)
	var last *http.Response
	var body string
	for range 6 {
		last, body = s.post(t, "/newsroom/login", url.Values{"email": {"huda@example.ma"}, "password": {"guess"}}, nil)
	}
	if last.StatusCode != http.StatusTooManyRequests || !strings.Contains(body, "محاولات دخول كثيرة") {
		t.Errorf("the sixth guess: %d", last.StatusCode)
	}
}
