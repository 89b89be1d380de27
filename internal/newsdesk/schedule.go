package newsdesk

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/midad/midad/internal/news"
)

// PublishDue publishes the scheduled articles whose time has come and
// returns how many it published. Every node may run it: an article saved
// by another node in between is left to the next round (its version no
// longer matches), and one already published is no longer due.
func (d *Desk) PublishDue(ctx context.Context) (int, error) {
	now := d.now()
	ids, err := d.st.DueArticles(ctx, now)
	if err != nil {
		return 0, err
	}
	n := 0
	var errs []error
	for _, id := range ids {
		a, err := d.st.ArticleByID(ctx, id)
		if err != nil {
			errs = append(errs, fmt.Errorf("article %d: %w", id, err))
			continue
		}
		if a.Status != news.Scheduled || a.Published.After(now) {
			continue
		}
		a.Status = news.Published
		// Going live as planned is not a correction: no update time shows.
		a.Updated = a.Published
		err = d.st.UpdateArticle(ctx, &a, 0, "scheduled")
		if errors.Is(err, news.ErrConflict) {
			continue
		}
		if err != nil {
			// One article that cannot be saved holds back no other.
			errs = append(errs, fmt.Errorf("article %d: %w", id, err))
			continue
		}
		d.log.Info("scheduled article published", "article", a.ID, "at", a.Published)
		n++
	}
	return n, errors.Join(errs...)
}

// runTimeout bounds one scheduler run's database calls.
const runTimeout = 30 * time.Second

// Run publishes due articles every interval until ctx ends, whether or
// not anyone is signed in.
func (d *Desk) Run(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		// A database that stopped answering holds a run up for a bounded
		// time; the next tick tries again.
		rctx, cancel := context.WithTimeout(ctx, runTimeout)
		_, err := d.PublishDue(rctx)
		cancel()
		d.runs.Add(1)
		if err != nil {
			d.failures.Add(1)
		}
		if err != nil && ctx.Err() == nil {
			d.log.Error("publishing scheduled articles", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// Runs counts the scheduler's runs and those that failed, for /metrics.
func (d *Desk) Runs() (runs, failures uint64) { return d.runs.Load(), d.failures.Load() }
