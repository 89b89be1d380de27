-- Newsroom accounts, their sessions, and failed sign-ins for throttling.

CREATE TABLE users (
	id            INTEGER PRIMARY KEY,
	email         TEXT    NOT NULL UNIQUE,
	name          TEXT    NOT NULL,
	role          TEXT    NOT NULL CHECK (role IN ('contributor', 'author', 'editor', 'admin')),
	password_hash TEXT    NOT NULL,
	disabled      INTEGER NOT NULL DEFAULT 0,
	created_at    INTEGER NOT NULL
);

CREATE TABLE sessions (
	id_hash    TEXT    PRIMARY KEY,
	user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	created_at INTEGER NOT NULL,
	last_seen  INTEGER NOT NULL,
	expires_at INTEGER NOT NULL
);

CREATE INDEX sessions_by_user ON sessions (user_id);

CREATE TABLE login_failures (
	key TEXT    NOT NULL, -- "email:…" or "ip:…"
	at  INTEGER NOT NULL
);

CREATE INDEX login_failures_by_key ON login_failures (key, at);
