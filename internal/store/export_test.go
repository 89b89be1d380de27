package store

import "context"

// TerminateListeners ends every connection of the database that listens
// for writes, as a network failure would.
func (s *Store) TerminateListeners(ctx context.Context) error {
	_, err := s.w.ExecContext(ctx, `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
		WHERE datname = current_database() AND query = 'LISTEN `+contentChannel+`' AND pid <> pg_backend_pid()`)
	return err
}
