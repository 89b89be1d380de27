package store_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/midad/midad/internal/news"
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

// TestCheckFindsCorruption: the integrity check used after a crash does
// report a damaged file, so its silence on a healthy one means something.
func TestCheckFindsCorruption(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "midad.db")
	s, err := store.Open(ctx, "sqlite:"+path)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 200 {
		sec := news.Section{Slug: fmt.Sprintf("s-%d", i), Name: strings.Repeat("قسم ", 20)}
		if err := s.CreateSection(ctx, &sec); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Check(ctx); err != nil {
		t.Fatalf("healthy database: %v", err)
	}
	s.Close()

	// Scribble over the b-tree headers of the last pages, where the
	// sections just written live (the schema, read at open, comes first),
	// as torn writes would.
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	pageSize := int(b[16])<<8 | int(b[17])
	for page := len(b) - len(b)/3/pageSize*pageSize; page+12 < len(b); page += pageSize {
		for i := page; i < page+12; i++ {
			b[i] = 0xA5
		}
	}
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	s, err = store.Open(ctx, "sqlite:"+path)
	if err != nil {
		t.Logf("open refused: %v", err)
		return // refusing to open a damaged file is a report too
	}
	defer s.Close()
	err = s.Check(ctx)
	if err == nil {
		t.Error("Check found nothing wrong with a damaged file")
	}
	t.Logf("check: %v", err)
}
