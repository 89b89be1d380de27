package web

import (
	"net/http"
	"net/http/httptest"
	"net/netip"
	"testing"
)

func TestForwardedFor(t *testing.T) {
	trusted := []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8"), netip.MustParsePrefix("fd00::/8")}
	var got string
	h := forwardedFor(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { got = r.RemoteAddr }), trusted)
	tests := []struct {
		name, peer string
		xff        []string
		want       string
	}{
		{"direct client, header ignored", "203.0.113.9:5555", []string{"198.51.100.1"}, "203.0.113.9:5555"},
		{"through the proxy", "10.0.0.2:40000", []string{"198.51.100.1"}, "198.51.100.1:0"},
		{"a client's own header is not believed", "10.0.0.2:40000", []string{"1.2.3.4, 198.51.100.1"}, "198.51.100.1:0"},
		{"two trusted proxies", "10.0.0.2:40000", []string{"198.51.100.1, 10.0.0.7"}, "198.51.100.1:0"},
		{"several header lines", "10.0.0.2:40000", []string{"1.2.3.4", "198.51.100.1"}, "198.51.100.1:0"},
		{"IPv6 client", "[fd00::1]:443", []string{"2001:db8::42"}, "[2001:db8::42]:0"},
		{"garbage hop", "10.0.0.2:40000", []string{"not-an-ip"}, "10.0.0.2:40000"},
		{"only proxies", "10.0.0.2:40000", []string{"10.0.0.9"}, "10.0.0.2:40000"},
		{"no header", "10.0.0.2:40000", nil, "10.0.0.2:40000"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest("GET", "/", nil)
			r.RemoteAddr = tt.peer
			for _, v := range tt.xff {
				r.Header.Add("X-Forwarded-For", v)
			}
			h.ServeHTTP(httptest.NewRecorder(), r)
			if got != tt.want {
				t.Errorf("RemoteAddr %q, want %q", got, tt.want)
			}
		})
	}
}
