package store

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/midad/midad/internal/news"
)

// TestDiskFullUnavailable: a SQLite database with no room left (its page
// count capped, as a full disk does) makes writes fail with an error that
// news.Unavailable recognizes, so readers get 503, not 500.
func TestDiskFullUnavailable(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, "sqlite:"+filepath.Join(t.TempDir(), "full.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var pages int64
	if err := s.w.QueryRowContext(ctx, `PRAGMA page_count`).Scan(&pages); err != nil {
		t.Fatal(err)
	}
	if _, err := s.w.ExecContext(ctx, fmt.Sprintf(`PRAGMA max_page_count = %d`, pages+2)); err != nil {
		t.Fatal(err)
	}
	long := strings.Repeat("x", 1000)
	for i := range 1000 {
		err = s.PutRedirect(ctx, news.Redirect{Path: fmt.Sprintf("/old/%d/%s", i, long), Kind: news.RedirectPath, Target: "/"})
		if err != nil {
			break
		}
	}
	if err == nil {
		t.Fatal("the capped database took every write")
	}
	if !news.Unavailable(err) {
		t.Fatalf("news.Unavailable(%v) = false, want true", err)
	}
	t.Logf("full: …%s", err.Error()[max(0, len(err.Error())-40):])
}
