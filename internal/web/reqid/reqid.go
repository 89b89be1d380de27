// Package reqid gives each request an id that follows it: in the
// X-Request-Id header of its answer, in every log line written for it,
// and as the error id on its error page.
package reqid

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"net/http"
)

// Header is where a request's id comes in (from a proxy that made one)
// and goes out.
const Header = "X-Request-Id"

type key struct{}

// New returns a fresh id: twelve hex digits.
func New() string {
	b := make([]byte, 6)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// With returns ctx carrying id.
func With(ctx context.Context, id string) context.Context {
	return context.WithValue(ctx, key{}, id)
}

// From returns the id ctx carries, or "".
func From(ctx context.Context) string {
	if ctx == nil {
		return ""
	}
	id, _ := ctx.Value(key{}).(string)
	return id
}

// sane accepts an incoming id that is short and plain (letters, digits,
// "-", "_", ".", ":"), so that nothing odd reaches the logs or the page.
func sane(id string) bool {
	if id == "" || len(id) > 64 {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_' || c == '.' || c == ':') {
			return false
		}
	}
	return true
}

// Middleware takes the request's id from its X-Request-Id when sane, or
// makes one, and sets it on the answer and the request's context.
func Middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := r.Header.Get(Header)
		if !sane(id) {
			id = New()
		}
		w.Header().Set(Header, id)
		next.ServeHTTP(w, r.WithContext(With(r.Context(), id)))
	})
}

// Handler adds the request id of the context a line is logged with.
type Handler struct{ slog.Handler }

// Handle adds request_id when the context carries one.
func (h Handler) Handle(ctx context.Context, rec slog.Record) error {
	if id := From(ctx); id != "" {
		rec.AddAttrs(slog.String("request_id", id))
	}
	return h.Handler.Handle(ctx, rec)
}

func (h Handler) WithAttrs(as []slog.Attr) slog.Handler { return Handler{h.Handler.WithAttrs(as)} }
func (h Handler) WithGroup(name string) slog.Handler    { return Handler{h.Handler.WithGroup(name)} }
