package news

import (
	"context"
	"database/sql/driver"
	"errors"
	"io"
	"net"
	"strings"
)

// ErrUnavailable marks a failure of the database rather than of the
// request: it cannot be reached, did not answer in time, or has no room
// left to write. Readers are told to come back shortly (503), not that
// something is broken (500).
var ErrUnavailable = errors.New("database unavailable")

// Unavailable reports whether err is the database being out of reach or
// out of room, whichever backend said it. It is the one place where
// driver errors are sorted into "try again later".
func Unavailable(err error) bool {
	if err == nil {
		return false
	}
	if errors.Is(err, ErrUnavailable) || errors.Is(err, context.DeadlineExceeded) ||
		errors.Is(err, driver.ErrBadConn) || errors.Is(err, io.ErrUnexpectedEOF) ||
		errors.Is(err, net.ErrClosed) {
		return true
	}
	var ne net.Error
	if errors.As(err, &ne) {
		return true
	}
	// PostgreSQL's errors carry their SQLSTATE: class 08 is a connection
	// failure, 53 insufficient resources (53100 disk full), 57P01..57P03
	// the server shutting down or starting, 57014 a statement cancelled by
	// its timeout.
	var pg interface{ SQLState() string }
	if errors.As(err, &pg) {
		code := pg.SQLState()
		switch {
		case strings.HasPrefix(code, "08"), strings.HasPrefix(code, "53"),
			strings.HasPrefix(code, "57P"), code == "57014":
			return true
		}
	}
	// SQLite says so in words (SQLITE_FULL); pgx says a connection it
	// lost is closed.
	msg := err.Error()
	for _, s := range []string{"database or disk is full", "disk I/O error", "conn closed", "conn busy", "failed to connect", "unexpected EOF"} {
		if strings.Contains(msg, s) {
			return true
		}
	}
	return false
}
