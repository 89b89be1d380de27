package web

import (
	"context"
	"log/slog"
	"net/http"
	"sync/atomic"
	"time"
)

// Readier reports whether the database answers and its schema is the one
// this binary needs.
type Readier interface {
	Ready(ctx context.Context) error
}

// Draining is set when the server begins to shut down: /readyz answers
// 503 from then on, so that a load balancer sends no new requests here
// while those in flight finish.
type Draining = atomic.Bool

// ready answers /readyz: 200 when this node should be given requests.
// /healthz says the process and its database are alive; /readyz also
// says no when migrations are behind or the server is shutting down.
func ready(db Readier, draining *Draining, log *slog.Logger) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		if draining != nil && draining.Load() {
			w.WriteHeader(http.StatusServiceUnavailable)
			w.Write([]byte("shutting down\n"))
			return
		}
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		if db == nil {
			w.Write([]byte("ok\n"))
			return
		}
		if err := db.Ready(ctx); err != nil {
			log.WarnContext(ctx, "readiness check", "err", err)
			w.WriteHeader(http.StatusServiceUnavailable)
			w.Write([]byte("not ready\n"))
			return
		}
		w.Write([]byte("ok\n"))
	}
}
