package web_test

import (
	"bufio"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/midad/midad/internal/web"
)

// TestHeaderSizeLimit: request heads past web.MaxHeaderBytes (32 KiB, and
// the 4 KiB Go allows on top) get 431.
func TestHeaderSizeLimit(t *testing.T) {
	s := newServer(t)
	if web.MaxHeaderBytes != 32<<10 {
		t.Errorf("MaxHeaderBytes = %d", web.MaxHeaderBytes)
	}
	small, _ := s.raw(t, "GET / HTTP/1.1\r\nHost: x\r\nX-Pad: "+strings.Repeat("a", 12<<10)+"\r\nConnection: close\r\n\r\n")
	big, _ := s.raw(t, "GET / HTTP/1.1\r\nHost: x\r\nX-Pad: "+strings.Repeat("a", 40<<10)+"\r\nConnection: close\r\n\r\n")
	if small != http.StatusOK || big != http.StatusRequestHeaderFieldsTooLarge {
		t.Errorf("12 KiB of headers: %d (want 200); 40 KiB: %d (want 431)", small, big)
	}
}

// TestContentLengthWithTransferEncoding: a request framed both ways (the
// shape of request smuggling) is refused and its connection closed.
func TestContentLengthWithTransferEncoding(t *testing.T) {
	s := newServer(t)
	c, err := net.Dial("tcp", s.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	io.WriteString(c, "POST /newsroom/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"+
		"Content-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n")
	br := bufio.NewReader(c)
	res, err := http.ReadResponse(br, nil)
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, res.Body)
	res.Body.Close()
	if res.StatusCode < 400 || res.StatusCode >= 500 {
		t.Errorf("Content-Length with Transfer-Encoding: %d, want 4xx", res.StatusCode)
	}
	c.SetReadDeadline(time.Now().Add(5 * time.Second))
	if n, err := br.ReadByte(); err != io.EOF {
		t.Errorf("the connection stays open after it (%v %v): a smuggled request would be read", n, err)
	}
}
