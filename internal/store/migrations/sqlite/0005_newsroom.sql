-- The newsroom: who owns an article, its version for safe concurrent
-- editing, the breaking-news flag, its featured image, every saved revision,
-- and uploaded images.

ALTER TABLE articles ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE articles ADD COLUMN created_by INTEGER REFERENCES users (id);
ALTER TABLE articles ADD COLUMN breaking INTEGER NOT NULL DEFAULT 0;
ALTER TABLE articles ADD COLUMN image_id INTEGER REFERENCES media (id);
-- Who has the article open in the editor, until when (a soft lock: others
-- are warned; the version check is what prevents overwriting).
ALTER TABLE articles ADD COLUMN editing_by INTEGER REFERENCES users (id);
ALTER TABLE articles ADD COLUMN editing_until INTEGER NOT NULL DEFAULT 0;

CREATE INDEX articles_by_owner ON articles (created_by, status, updated_at DESC);
CREATE INDEX articles_breaking ON articles (published_at DESC) WHERE breaking = 1;

-- The account signs as this author by default.
ALTER TABLE users ADD COLUMN author_id INTEGER REFERENCES authors (id);

-- Every save of an article: a full snapshot (JSON) of what was saved.
CREATE TABLE revisions (
	id         INTEGER PRIMARY KEY,
	article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
	version    INTEGER NOT NULL,
	user_id    INTEGER REFERENCES users (id),
	status     TEXT    NOT NULL,
	note       TEXT    NOT NULL DEFAULT '',
	data       TEXT    NOT NULL,
	created_at INTEGER NOT NULL,
	UNIQUE (article_id, version)
);

-- Uploaded images, re-encoded; variants is a JSON list of the resized
-- files ({"w":…,"h":…,"file":…}), smallest first.
CREATE TABLE media (
	id          INTEGER PRIMARY KEY,
	name        TEXT    NOT NULL UNIQUE,
	type        TEXT    NOT NULL,
	width       INTEGER NOT NULL,
	height      INTEGER NOT NULL,
	bytes       INTEGER NOT NULL,
	variants    TEXT    NOT NULL,
	alt         TEXT    NOT NULL DEFAULT '',
	caption     TEXT    NOT NULL DEFAULT '',
	credit      TEXT    NOT NULL DEFAULT '',
	uploaded_by INTEGER REFERENCES users (id),
	created_at  INTEGER NOT NULL
);
