//go:build !unix

package bench

import "time"

// cpuTime is not measured here; the reports show 0.
func cpuTime() time.Duration { return 0 }
