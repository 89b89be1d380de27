package store_test

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/midad/midad/internal/store"
	"github.com/midad/midad/internal/store/storetest"
)

func openSQLite(t *testing.T) *store.Store {
	t.Helper()
	s, err := store.Open(context.Background(), "sqlite:"+filepath.Join(t.TempDir(), "midad.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestSQLite(t *testing.T) { storetest.Run(t, openSQLite) }

func TestMigrationsRunOnce(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "midad.db")
	for range 2 {
		s, err := store.Open(ctx, "sqlite:"+path)
		if err != nil {
			t.Fatal(err)
		}
		v, err := s.SchemaVersion(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if v < 1 {
			t.Errorf("schema version %d after open", v)
		}
		s.Close()
	}
}

// TestConcurrentOpen: processes that open a new database at the same time
// (a server and a command, several nodes) apply each migration once.
func TestConcurrentOpen(t *testing.T) {
	for round := range 5 {
		path := filepath.Join(t.TempDir(), fmt.Sprintf("midad-%d.db", round))
		errs := make(chan error, 4)
		for range 4 {
			go func() {
				s, err := store.Open(context.Background(), "sqlite:"+path)
				if err == nil {
					s.Close()
				}
				errs <- err
			}()
		}
		for range 4 {
			if err := <-errs; err != nil {
				t.Fatalf("round %d: %v", round, err)
			}
		}
	}
}
