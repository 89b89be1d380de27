package store

import (
	"context"
	"database/sql"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
)

// The content generation counts the writes this process has committed
// and, on PostgreSQL, those other nodes announced: the page cache tags
// what it keeps with it, so a page rendered before a write is never served
// after the write is acknowledged. It changes after COMMIT and before the
// writer returns, so before any answer to the writer's client.
//
// On PostgreSQL each write transaction also announces itself with
// NOTIFY (delivered at COMMIT), and every node LISTENs on its own
// connection: a write on one node moves every node's generation within
// moments. While that connection is down, a node cannot know what others
// wrote, so its generation moves on every read: its cache serves nothing
// until it listens again.
//
// On SQLite another process may write too (a moderation command beside
// the server): PRAGMA data_version, read on the writer's connection every
// half second, tells, and moves the generation.

// contentChannel is the PostgreSQL notification channel of writes.
const contentChannel = "midad_content"

// generation is the counter and the listener's state.
type generation struct {
	n         atomic.Uint64
	shared    bool        // several nodes: trust n only while listening
	listening atomic.Bool // the LISTEN connection is up
	stop      context.CancelFunc
	done      chan struct{}
}

// Generation is the current content generation.
func (s *Store) Generation() uint64 {
	if s.gen.shared && !s.gen.listening.Load() {
		return s.gen.n.Add(1)
	}
	return s.gen.n.Load()
}

// bump moves to the next generation.
func (s *Store) bump() { s.gen.n.Add(1) }

// announce tells the other nodes, at COMMIT, that tx wrote.
func (s *Store) announce(ctx context.Context, tx *sql.Tx) error {
	if !s.gen.shared {
		return nil
	}
	_, err := tx.ExecContext(ctx, `SELECT pg_notify('`+contentChannel+`', '')`)
	return err
}

// listen follows the other nodes' writes until Close.
func (s *Store) listen(cfg *pgx.ConnConfig) {
	ctx, cancel := context.WithCancel(context.Background())
	s.gen.shared, s.gen.stop, s.gen.done = true, cancel, make(chan struct{})
	go func() {
		defer close(s.gen.done)
		for ctx.Err() == nil {
			s.listenOnce(ctx, cfg)
			s.gen.listening.Store(false)
			select {
			case <-ctx.Done():
			case <-time.After(time.Second):
			}
		}
	}()
}

// listenOnce holds one LISTEN connection until it fails. It checks the
// connection every second, so a silent loss is noticed within about two.
func (s *Store) listenOnce(ctx context.Context, cfg *pgx.ConnConfig) {
	cctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	conn, err := pgx.ConnectConfig(cctx, cfg)
	cancel()
	if err != nil {
		return
	}
	defer conn.Close(context.Background())
	if _, err := conn.Exec(ctx, `LISTEN `+contentChannel); err != nil {
		return
	}
	// What others wrote while this node was not listening is unknown.
	s.bump()
	s.gen.listening.Store(true)
	for {
		wctx, cancel := context.WithTimeout(ctx, time.Second)
		_, err := conn.WaitForNotification(wctx)
		cancel()
		switch {
		case err == nil:
			s.bump()
		case ctx.Err() != nil:
			return
		case wctx.Err() != nil:
			pctx, cancel := context.WithTimeout(ctx, time.Second)
			err := conn.Ping(pctx)
			cancel()
			if err != nil {
				return
			}
		default:
			return
		}
	}
}

// stopListening ends the listener, if any.
func (s *Store) stopListening() {
	if s.gen.stop != nil {
		s.gen.stop()
		<-s.gen.done
	}
}

// watchFile follows other processes' commits to the SQLite file until
// Close.
func (s *Store) watchFile() {
	ctx, cancel := context.WithCancel(context.Background())
	s.gen.stop, s.gen.done = cancel, make(chan struct{})
	// The first reading is taken before Open returns: a write by another
	// process after that is seen.
	last := int64(-1)
	s.w.QueryRowContext(ctx, `PRAGMA data_version`).Scan(&last)
	go func() {
		defer close(s.gen.done)
		t := time.NewTicker(500 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
			}
			var v int64
			if err := s.w.QueryRowContext(ctx, `PRAGMA data_version`).Scan(&v); err == nil && v != last {
				s.bump()
				last = v
			}
		}
	}()
}
