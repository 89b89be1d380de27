//go:build race

package media_test

// raceEnabled: the race detector multiplies memory and slows decoding
// several times, so memory tests read the budget's own count instead of RSS.
const raceEnabled = true
