-- Static pages (about, contact, terms, advertise): written in the newsroom
-- with the article editor, shown at /page/{slug}, linked from the footer
-- when in_footer is set, in position order. body is sanitized HTML.

CREATE TABLE pages (
	id         INTEGER PRIMARY KEY,
	slug       TEXT    NOT NULL UNIQUE,
	title      TEXT    NOT NULL,
	body       TEXT    NOT NULL DEFAULT '',
	lang       TEXT    NOT NULL DEFAULT 'ar',
	status     TEXT    NOT NULL CHECK (status IN ('draft', 'published')),
	in_footer  INTEGER NOT NULL DEFAULT 0,
	position   INTEGER NOT NULL DEFAULT 0,
	version    INTEGER NOT NULL DEFAULT 1,
	created_by INTEGER REFERENCES users (id),
	created_at INTEGER NOT NULL DEFAULT 0,
	updated_at INTEGER NOT NULL DEFAULT 0
);

