package media

import (
	"context"
	"fmt"
	"time"

	"github.com/midad/midad/internal/news"
)

// Records lists every image's record, for the collector.
type Records interface {
	ImagesAfter(ctx context.Context, afterID int64, limit int) ([]news.Image, error)
}

// DefaultGrace is how old an unreferenced object must be before the
// collector removes it: an upload writes its objects first and its record
// after, so a younger one may belong to an upload still in flight.
const DefaultGrace = time.Hour

// Collected counts what GC found.
type Collected struct {
	Objects  int   // objects seen
	Orphans  int   // not named by any record and older than the grace period
	Young    int   // not named by any record but younger: left alone
	Bytes    int64 // size of the orphans
	Removed  int   // orphans removed (0 on a dry run)
	Failures int
}

// GC removes the objects no image's record names (a variant or a crop),
// if older than grace: what a crash between an upload's objects and its
// record, or a failed clean-up, leaves behind. The records are read
// before the objects are listed, so an object written after that is
// young, never taken for an orphan. With dryRun nothing is removed.
// report, if not nil, hears of each orphan and of its removal's error.
func GC(ctx context.Context, objs Objects, rec Records, grace time.Duration, now time.Time, dryRun bool, report func(ObjectInfo, error)) (Collected, error) {
	var c Collected
	keep := make(map[string]bool)
	for after := int64(0); ; {
		list, err := rec.ImagesAfter(ctx, after, 500)
		if err != nil {
			return c, err
		}
		if len(list) == 0 {
			break
		}
		for _, im := range list {
			after = im.ID
			for _, v := range im.Variants {
				keep[v.File] = true
			}
			for _, v := range im.Crops {
				keep[v.File] = true
			}
		}
	}
	var orphans []ObjectInfo
	err := objs.Walk(ctx, func(o ObjectInfo) error {
		c.Objects++
		if keep[o.Name] {
			return nil
		}
		if now.Sub(o.Modified) < grace {
			c.Young++
			return nil
		}
		orphans = append(orphans, o)
		return nil
	})
	if err != nil {
		return c, fmt.Errorf("list media: %w", err)
	}
	for _, o := range orphans {
		c.Orphans++
		c.Bytes += o.Size
		var err error
		if !dryRun {
			if err = objs.Remove(ctx, o.Name); err == nil {
				c.Removed++
			} else {
				c.Failures++
			}
		}
		if report != nil {
			report(o, err)
		}
	}
	return c, nil
}
