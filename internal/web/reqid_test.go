package web_test

import (
	"net/http"
	"regexp"
	"strings"
	"testing"
)

// TestRequestID: every answer carries a request id (the caller's when it
// is sane), every log line of the request names it, and a 500 page's
// error id is that id.
func TestRequestID(t *testing.T) {
	s := newServer(t)
	hex12 := regexp.MustCompile(`^[0-9a-f]{12}$`)
	res, _ := s.get(t, "GET", "/")
	if id := res.Header.Get("X-Request-Id"); !hex12.MatchString(id) {
		t.Errorf("made id %q", id)
	}
	for in, want := range map[string]bool{"lb-7f3a.9:2": true, "<script>": false, strings.Repeat("a", 65): false, "a b": false} {
		req, _ := http.NewRequest("GET", s.URL+"/", nil)
		req.Header.Set("X-Request-Id", in)
		res, _ := s.do(t, req)
		got := res.Header.Get("X-Request-Id")
		if want && got != in || !want && !hex12.MatchString(got) {
			t.Errorf("incoming %q: answered with id %q", in, got)
		}
	}

	s.store.Close()
	req, _ := http.NewRequest("GET", s.URL+seedPath, nil)
	req.Header.Set("X-Request-Id", "req-42")
	res, body := s.do(t, req)
	if res.StatusCode != http.StatusInternalServerError {
		t.Fatalf("status %d", res.StatusCode)
	}
	if !strings.Contains(body, `<code dir="ltr">req-42</code>`) {
		t.Error("the error page's id is not the request id")
	}
	var lines int
	for _, line := range strings.Split(s.logs.String(), "\n") {
		if strings.Contains(line, "req-42") {
			lines++
			if !strings.Contains(line, "request_id=req-42") {
				t.Errorf("line names the id but not as request_id: %s", line)
			}
		}
	}
	if lines < 2 { // the failure and the request's own line
		t.Errorf("%d log lines carry the request id, want the failure's and the request's", lines)
	}
}
