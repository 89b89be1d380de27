package web

import (
	"context"
	"net/http"
	"time"
)

// DefaultRequestTimeout bounds the database work of one request. It is
// well under the server's write timeout (cli/serve.go), so that a request
// waiting on a database that stopped answering is answered 503 (see
// site.Fail) rather than cut off with nothing.
const DefaultRequestTimeout = 20 * time.Second

// deadline gives every request's context a deadline: every database call
// made for it gives up then.
func deadline(next http.Handler, d time.Duration) http.Handler {
	if d <= 0 {
		d = DefaultRequestTimeout
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), d)
		defer cancel()
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}
