package store

import "sync/atomic"

// The content generation counts the writes this process has committed
// (and, on PostgreSQL, those other nodes announced): the page cache tags
// what it keeps with it, so a page rendered before a write is never
// served after the write is acknowledged. It changes after COMMIT and
// before the writer returns, so before any answer to the writer's client.

// Generation is the current content generation.
func (s *Store) Generation() uint64 { return s.gen.Load() }

// bump moves to the next generation.
func (s *Store) bump() { s.gen.Add(1) }

// generation is the counter; its own type so Store's zero value works.
type generation = atomic.Uint64
