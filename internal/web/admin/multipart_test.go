package admin_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// TestMalformedMultipart: bodies no browser sends get 4xx, never 500, and
// store nothing.
func TestMalformedMultipart(t *testing.T) {
	s := newMediaServer(t, 0)
	const b = "XyZ"
	var many strings.Builder
	for i := range 2000 {
		fmt.Fprintf(&many, "--%s\r\nContent-Disposition: form-data; name=\"f%d\"\r\n\r\nx\r\n", b, i)
	}
	many.WriteString("--" + b + "--\r\n")
	for name, body := range map[string]string{
		"NUL in a file name": "--" + b + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a\x00.jpg\"\r\nContent-Type: image/jpeg\r\n\r\nxxxx\r\n--" + b + "--\r\n",
		"2,000 parts":        many.String(),
		"unterminated part":  "--" + b + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.jpg\"\r\n\r\nxxxx",
		"no closing header":  "--" + b + "\r\nContent-Disposition: form-data; name=\"alt\"",
	} {
		req, _ := http.NewRequest("POST", s.URL+"/newsroom/media", strings.NewReader(body))
		req.Header.Set("Content-Type", "multipart/form-data; boundary="+b)
		if res, _ := s.do(t, req); res.StatusCode < 400 || res.StatusCode >= 500 {
			t.Errorf("%s: %d, want 4xx", name, res.StatusCode)
		}
	}
	s.nothingStored(t)
}
