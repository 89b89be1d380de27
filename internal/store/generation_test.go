package store_test

import (
	"context"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/midad/midad/internal/news"
	"github.com/midad/midad/internal/store"
)

// Every committed write moves the generation before the writer returns; a
// read does not.
func TestGenerationMovesOnWrite(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, "sqlite:"+filepath.Join(t.TempDir(), "m.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	// Opening a reading connection may touch the log's index (a harmless
	// extra render); reading on it does not.
	for range 3 {
		st.Settings(ctx)
		st.Generation()
	}
	g0 := st.Generation()
	var set news.Settings
	for range 5 {
		if set, err = st.Settings(ctx); err != nil {
			t.Fatal(err)
		}
	}
	if st.Generation() != g0 {
		t.Fatal("reads moved the generation")
	}
	set.SiteName = "جريدة"
	if err := st.SaveSettings(ctx, set); err != nil {
		t.Fatal(err)
	}
	if st.Generation() == g0 {
		t.Fatal("an acknowledged write left the generation as it was")
	}
}

// stable waits until a node listens: its generation holds still.
func stable(t *testing.T, st *store.Store) uint64 {
	t.Helper()
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if g := st.Generation(); g == st.Generation() {
			return g
		}
	}
	t.Fatal("the node never listened")
	return 0
}

// Two nodes on one PostgreSQL database: a write on one moves the other's
// generation; a node that loses its listening connection trusts nothing it
// kept until it listens again.
func TestGenerationAcrossNodes(t *testing.T) {
	dsn := postgresDSN(t)
	ctx := context.Background()
	a, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	b, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	stable(t, a)
	g := stable(t, b)
	if err := a.SaveSettings(ctx, news.DefaultSettings()); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(30 * time.Second); b.Generation() == g; time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("node b never heard of node a's write")
		}
	}

	// Cut every listening connection of this database.
	g = stable(t, b)
	admin, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	if err := admin.TerminateListeners(ctx); err != nil {
		t.Fatal(err)
	}
	// Until it listens again, b's generation moves at every read.
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(time.Millisecond) {
		if g1, g2 := b.Generation(), b.Generation(); g1 != g2 && g1 > g {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("node b went on trusting its generation without listening")
		}
	}
	stable(t, b) // and it listens again
}

// Another process writing the same SQLite file (a moderation command
// beside the server) moves the server's generation before its write is
// acknowledged.
func TestGenerationSeesOtherProcess(t *testing.T) {
	ctx := context.Background()
	path := "sqlite:" + filepath.Join(t.TempDir(), "m.db")
	server, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer server.Close()
	cli, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer cli.Close()
	g := server.Generation()
	if err := cli.SaveSettings(ctx, news.DefaultSettings()); err != nil {
		t.Fatal(err)
	}
	// At once: the write is acknowledged.
	if server.Generation() == g {
		t.Fatal("the server did not see the other process's acknowledged write")
	}
	// And for each write after it, however close together.
	for i := range 20 {
		g := server.Generation()
		set := news.DefaultSettings()
		set.SiteName = strconv.Itoa(i)
		if err := cli.SaveSettings(ctx, set); err != nil {
			t.Fatal(err)
		}
		if server.Generation() == g {
			t.Fatalf("write %d: not seen", i)
		}
	}
}
