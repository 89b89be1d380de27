//go:build race

package accounts

// raceEnabled: the race detector multiplies memory several times, so memory
// tests read the hash gate's own count instead of RSS.
const raceEnabled = true
