package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/midad/midad/internal/news"
)

// TestSearchNeverEchoesInvalidUTF8: bytes that are not UTF-8 in the query
// come back as replacement characters, never as themselves.
func TestSearchNeverEchoesInvalidUTF8(t *testing.T) {
	s := newServer(t)
	for _, path := range []string{"/search?q=%FF%FE%C0%AF", "/search?q=x&section=%FF&author=%C3&from=%E0%80&to=%ED%A0%80"} {
		res, body := s.get(t, "GET", path)
		if res.StatusCode != http.StatusOK || !utf8.ValidString(body) {
			t.Errorf("%s: %d, valid UTF-8 %v", path, res.StatusCode, utf8.ValidString(body))
		}
	}
}

// TestUsersScreenRefusesLookalikesAndCommonPasswords: a name with a
// Cyrillic letter among Latin ones, and a common password, are refused
// with their Arabic messages, and no account is made.
func TestUsersScreenRefusesLookalikesAndCommonPasswords(t *testing.T) {
	s := newServer(t)
	admin := s.signIn(t, "admin@example.ma", news.Admin)
	for _, tc := range []struct{ name, password, want string }{
		{"S\u0430ra Alaoui", "a long enough password", "تخلط كلمة في الاسم بين حروف من أبجديتين"},
		{"ﺳﺎﺭﺓ", "a long enough password", "بأشكال العرض"},
		{"Sara Alaoui", "password1234", "كلمة المرور هذه شائعة جداً"},
		{"Sara Alaoui", "            ", "لا تكفي المسافات وحدها"},
	} {
		res, body := s.postAs(t, admin, "/newsroom/users", url.Values{"email": {"sara@example.ma"}, "name": {tc.name},
			"role": {"editor"}, "password": {tc.password}})
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, tc.want) {
			t.Errorf("%q / %q: %d, message %q shown: %v", tc.name, tc.password, res.StatusCode, tc.want, strings.Contains(body, tc.want))
		}
	}
	if _, err := s.store.UserByEmail(context.Background(), "sara@example.ma"); err == nil {
		t.Error("an account was made")
	}
}
