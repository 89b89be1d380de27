-- The newspaper's content: sections, authors, tags and articles.
-- Times are Unix seconds (UTC) so that both backends order them the same way.

CREATE TABLE sections (
	id       INTEGER PRIMARY KEY,
	slug     TEXT    NOT NULL UNIQUE,
	name     TEXT    NOT NULL,
	position INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE authors (
	id   INTEGER PRIMARY KEY,
	slug TEXT NOT NULL UNIQUE,
	name TEXT NOT NULL,
	bio  TEXT NOT NULL DEFAULT ''
);

CREATE TABLE tags (
	id   INTEGER PRIMARY KEY,
	slug TEXT NOT NULL UNIQUE,
	name TEXT NOT NULL
);

CREATE TABLE articles (
	id           INTEGER PRIMARY KEY,
	slug         TEXT    NOT NULL UNIQUE,
	kicker       TEXT    NOT NULL DEFAULT '',
	headline     TEXT    NOT NULL,
	summary      TEXT    NOT NULL DEFAULT '',
	body         TEXT    NOT NULL DEFAULT '',
	lang         TEXT    NOT NULL DEFAULT 'ar',
	status       TEXT    NOT NULL CHECK (status IN ('draft', 'review', 'scheduled', 'published', 'unpublished')),
	section_id   INTEGER NOT NULL REFERENCES sections (id),
	published_at INTEGER NOT NULL DEFAULT 0,
	updated_at   INTEGER NOT NULL DEFAULT 0,
	created_at   INTEGER NOT NULL DEFAULT 0
);

CREATE INDEX articles_by_date ON articles (status, published_at DESC, id DESC);
CREATE INDEX articles_by_section ON articles (section_id, status, published_at DESC, id DESC);

CREATE TABLE article_authors (
	article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
	author_id  INTEGER NOT NULL REFERENCES authors (id),
	position   INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (article_id, author_id)
);

CREATE INDEX article_authors_by_author ON article_authors (author_id, article_id);

CREATE TABLE article_tags (
	article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
	tag_id     INTEGER NOT NULL REFERENCES tags (id),
	PRIMARY KEY (article_id, tag_id)
);

CREATE INDEX article_tags_by_tag ON article_tags (tag_id, article_id);

CREATE TABLE settings (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
);
