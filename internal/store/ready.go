package store

import (
	"context"
	"database/sql"
	"fmt"
)

// Ready reports whether this node can serve: the database answers and
// every migration this binary knows has been applied (another node may
// still be applying them, or the database is from an older release).
func (s *Store) Ready(ctx context.Context) error {
	ms, err := s.dialect.loadMigrations()
	if err != nil {
		return err
	}
	v, err := s.SchemaVersion(ctx)
	if err != nil {
		return err
	}
	if len(ms) > 0 && v < ms[len(ms)-1].version {
		return fmt.Errorf("schema at version %d, this binary needs %d", v, ms[len(ms)-1].version)
	}
	return nil
}

// PoolStats are the connection pools' figures, for /metrics: "write" and
// "read" on SQLite, one "main" pool on PostgreSQL.
func (s *Store) PoolStats() map[string]sql.DBStats {
	if s.r == s.w {
		return map[string]sql.DBStats{"main": s.w.Stats()}
	}
	return map[string]sql.DBStats{"write": s.w.Stats(), "read": s.r.Stats()}
}
