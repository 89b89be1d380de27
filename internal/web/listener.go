package web

import (
	"bytes"
	"net"
	"net/http"
	"strconv"
)

// Go's HTTP server answers requests it cannot parse (a request line with a
// malformed percent-escape such as /%zz, oversized headers) by itself, in
// English plain text, before any handler runs. Listener wraps the server's
// connections and swaps exactly those answers for Arabic pages. It relies on
// the server writing such an answer in one Write straight to the
// connection, with this fixed header block that no handler's answer can
// produce (handlers' answers carry Date and sorted headers).
const goErrorHeaders = "\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\n\r\n"

// ErrorPages renders the Arabic page for a status without a request.
type ErrorPages func(status int) []byte

// Listener returns l with the server's own error answers rewritten.
func Listener(l net.Listener, pages ErrorPages) net.Listener {
	return &listener{Listener: l, pages: pages}
}

type listener struct {
	net.Listener
	pages ErrorPages
}

func (l *listener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	return &conn{Conn: c, l: l}, nil
}

// page renders the answer afresh each time (it shows today's date); these
// requests are rare.
func (l *listener) page(status int) []byte {
	body := l.pages(status)
	head := "HTTP/1.1 " + strconv.Itoa(status) + " " + http.StatusText(status) +
		"\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: " + strconv.Itoa(len(body)) +
		"\r\nX-Content-Type-Options: nosniff\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n"
	return append([]byte(head), body...)
}

type conn struct {
	net.Conn
	l *listener
}

func (c *conn) Write(b []byte) (int, error) {
	if status, ok := serverError(b); ok {
		if _, err := c.Conn.Write(c.l.page(status)); err != nil {
			return 0, err
		}
		return len(b), nil
	}
	return c.Conn.Write(b)
}

// serverError recognizes an answer written by net/http itself and returns
// its status.
func serverError(b []byte) (int, bool) {
	if !bytes.HasPrefix(b, []byte("HTTP/1.1 ")) || len(b) < len("HTTP/1.1 400") {
		return 0, false
	}
	end := bytes.Index(b, []byte("\r\n"))
	if end < 0 || !bytes.HasPrefix(b[end:], []byte(goErrorHeaders)) {
		return 0, false
	}
	status, err := strconv.Atoi(string(b[9:12]))
	if err != nil || status < 400 {
		return 0, false
	}
	return status, true
}
