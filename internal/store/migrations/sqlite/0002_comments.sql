-- Readers' comments, their moderation, and the automatic refusals that
-- moderators may review.

ALTER TABLE articles ADD COLUMN comments_closed INTEGER NOT NULL DEFAULT 0;

CREATE TABLE comments (
	id         INTEGER PRIMARY KEY,
	article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
	parent_id  INTEGER REFERENCES comments (id) ON DELETE CASCADE,
	name       TEXT    NOT NULL,
	email      TEXT    NOT NULL,
	url        TEXT    NOT NULL DEFAULT '',
	body       TEXT    NOT NULL,
	status     TEXT    NOT NULL CHECK (status IN ('pending', 'approved', 'spam', 'trash')),
	reason     TEXT    NOT NULL DEFAULT '',
	ip         TEXT    NOT NULL DEFAULT '',
	user_agent TEXT    NOT NULL DEFAULT '',
	dedup_key  TEXT    NOT NULL UNIQUE,
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL
);

CREATE INDEX comments_by_article ON comments (article_id, status, created_at);
CREATE INDEX comments_by_status ON comments (status, created_at);
CREATE INDEX comments_by_ip ON comments (ip, created_at);
CREATE INDEX comments_by_email ON comments (email, created_at);

CREATE TABLE comment_refusals (
	id         INTEGER PRIMARY KEY,
	article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
	reason     TEXT    NOT NULL,
	ip         TEXT    NOT NULL DEFAULT '',
	created_at INTEGER NOT NULL
);

CREATE INDEX comment_refusals_by_time ON comment_refusals (created_at);

CREATE TABLE secrets (
	name  TEXT PRIMARY KEY,
	value BLOB NOT NULL
);
