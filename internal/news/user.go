package news

import "time"

// Role is what a newsroom account may do.
type Role string

// The roles, from least to most trusted.
const (
	Contributor Role = "contributor" // writes and submits own drafts
	AuthorRole  Role = "author"      // also publishes own articles
	Editor      Role = "editor"      // edits and publishes everything, curates, moderates
	Admin       Role = "admin"       // also manages users and settings
)

// Valid reports whether r is a role.
func (r Role) Valid() bool {
	switch r {
	case Contributor, AuthorRole, Editor, Admin:
		return true
	}
	return false
}

// rank orders roles so that a higher role can do what a lower one can.
func (r Role) rank() int {
	switch r {
	case Contributor:
		return 1
	case AuthorRole:
		return 2
	case Editor:
		return 3
	case Admin:
		return 4
	}
	return 0
}

// AtLeast reports whether r includes the powers of min.
func (r Role) AtLeast(min Role) bool { return r.Valid() && r.rank() >= min.rank() }

// User is a newsroom account. The password hash never leaves the accounts
// service.
type User struct {
	ID           int64
	Email        string
	Name         string
	Role         Role
	PasswordHash string
	Disabled     bool
	Created      time.Time
	// AuthorID is the byline the account signs with by default (0 until
	// it first writes).
	AuthorID int64
}

// Session is a signed-in browser. Only the hash of its token is stored, so
// a copy of the database opens no session.
type Session struct {
	IDHash   string
	UserID   int64
	Created  time.Time
	LastSeen time.Time
	Expires  time.Time // absolute end, whatever the activity
}
