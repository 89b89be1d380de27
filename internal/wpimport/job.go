package wpimport

import (
	"context"
	"errors"
	"io"
	"os"
	"sync"
	"time"
)

// ErrBusy is returned when an import is asked for while one runs.
var ErrBusy = errors.New("an import is running")

// JobStatus is what the newsroom shows of the import in the background.
type JobStatus struct {
	Running bool
	Started time.Time
	DryRun  bool
	Items   int     // imported so far
	Report  *Report // of the last import, once it ended
	Err     string  // why the last import failed, if it did
}

// Jobs runs imports started from the newsroom, one at a time, in the
// background: an export of years takes longer than a request may.
type Jobs struct {
	ctx context.Context
	st  Store
	up  Uploader

	mu     sync.Mutex
	status JobStatus
	done   chan struct{}
}

// NewJobs returns the runner of the newsroom's imports; ctx ends with the
// server, and the running import with it.
func NewJobs(ctx context.Context, st Store, up Uploader) *Jobs {
	return &Jobs{ctx: ctx, st: st, up: up}
}

// Start imports the export at path (a file the job owns: removed at the
// end) in the background.
func (j *Jobs) Start(path string, opt Options) error {
	j.mu.Lock()
	defer j.mu.Unlock()
	if j.status.Running {
		return ErrBusy
	}
	j.status = JobStatus{Running: true, Started: time.Now(), DryRun: opt.DryRun}
	j.done = make(chan struct{})
	opt.Progress = func(n int) {
		j.mu.Lock()
		j.status.Items = n
		j.mu.Unlock()
	}
	done := j.done
	go func() {
		defer close(done)
		defer os.Remove(path)
		open := func() (io.ReadCloser, error) { return os.Open(path) }
		rep, err := Run(j.ctx, j.st, j.up, open, opt)
		j.mu.Lock()
		defer j.mu.Unlock()
		j.status.Running, j.status.Report = false, rep
		if err != nil {
			j.status.Err = err.Error()
		}
	}()
	return nil
}

// Status is where the import stands.
func (j *Jobs) Status() JobStatus {
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.status
}

// Wait returns when the running import, if any, has ended.
func (j *Jobs) Wait() {
	j.mu.Lock()
	done := j.done
	j.mu.Unlock()
	if done != nil {
		<-done
	}
}
