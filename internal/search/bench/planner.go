package bench

import (
	"context"
	"fmt"
	"net/url"

	"github.com/ncruces/go-sqlite3/driver"
)

// Analyze runs SQLite's ANALYZE on the database file at path, through a
// connection of its own, while the store has it open.
//
// It exists because of what the benchmarks found: without the statistics
// ANALYZE gathers, SQLite's planner runs the store's search query with the
// articles as the outer loop and the full-text index as the inner one, so
// that every visible article costs one evaluation of the MATCH expression
// and a search takes time proportional to the whole archive. With the
// statistics it reads the index first. The store does not run ANALYZE; the
// benchmarks do, on their own throw-away databases, only where they say so:
// the speed benchmark reports both, and the relevance benchmark needs it to
// finish (it does not change which articles are found or their order, only
// how long finding them takes).
func Analyze(ctx context.Context, path string) error {
	db, err := driver.Open("file:" + (&url.URL{Path: path}).EscapedPath() + "?_pragma=busy_timeout(10000)")
	if err != nil {
		return fmt.Errorf("open %s for ANALYZE: %w", path, err)
	}
	defer db.Close()
	if _, err := db.ExecContext(ctx, `ANALYZE`); err != nil {
		return fmt.Errorf("ANALYZE %s: %w", path, err)
	}
	return nil
}
