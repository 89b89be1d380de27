package web_test

import (
	"net/http"
	"testing"
	"unicode/utf8"
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
