package store

import (
	"context"
	"database/sql"
	"hash/fnv"
	"os"
	"strings"
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
// the server). Its commit has reached the write-ahead log before it is
// acknowledged, so every reading of the generation first looks at the
// log's size and time (one stat): a change moves the generation. PRAGMA
// data_version, read every half second, catches anything else.

// contentChannel is the PostgreSQL notification channel of writes.
const contentChannel = "midad_content"

// generation is the counter and the listener's state.
type generation struct {
	n         atomic.Uint64
	shared    bool        // several nodes: trust n only while listening
	listening atomic.Bool // the LISTEN connection is up
	stop      context.CancelFunc
	done      chan struct{}
	wal       string                  // SQLite's write-ahead log
	walSig    atomic.Int64            // its size and time when last looked at
	shm       atomic.Pointer[os.File] // the log's index, read only
}

// Generation is the current content generation.
func (s *Store) Generation() uint64 {
	if s.gen.wal != "" {
		s.checkLog()
	}
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
	if f := s.gen.shm.Swap(nil); f != nil {
		f.Close()
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

// checkLog moves the generation if the write-ahead log changed since it
// was last looked at.
func (s *Store) checkLog() {
	var sig int64
	if fi, err := os.Stat(s.gen.wal); err == nil {
		sig = fi.ModTime().UnixNano()*31 + fi.Size()
	}
	// The log's index header counts transactions (its iChange field), so
	// a commit that rewrote the log's start within the file time's
	// granularity is seen too.
	if f := s.gen.shm.Load(); f != nil {
		var hdr [48]byte
		if n, _ := f.ReadAt(hdr[:], 0); n == len(hdr) {
			h := fnv.New64a()
			h.Write(hdr[:])
			sig ^= int64(h.Sum64())
		}
	} else if f, err := os.Open(strings.TrimSuffix(s.gen.wal, "-wal") + "-shm"); err == nil {
		if !s.gen.shm.CompareAndSwap(nil, f) {
			f.Close()
		}
	}
	if old := s.gen.walSig.Load(); old != sig && s.gen.walSig.CompareAndSwap(old, sig) {
		s.bump()
	}
}
