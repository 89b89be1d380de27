-- Imports from other systems (WordPress): what each imported thing became,
-- so that a second import updates it instead of making a copy, and the
-- reports of every import.

-- One row per imported thing: source is the old site (its address), kind
-- what it was there (post, page, attachment, category, tag, author,
-- upload) and source_id its id there (a WordPress id, or an upload's
-- path). target_id is what it became here; hash is a digest of what was
-- imported (and, for articles and pages, "/" and the version the import
-- left them at), so an unchanged thing is skipped, a changed one updated,
-- and one an editor changed since left alone.
CREATE TABLE import_keys (
	source     TEXT    NOT NULL,
	kind       TEXT    NOT NULL,
	source_id  TEXT    NOT NULL,
	target_id  INTEGER NOT NULL,
	hash       TEXT    NOT NULL DEFAULT '',
	updated_at INTEGER NOT NULL,
	PRIMARY KEY (source, kind, source_id)
);

-- Each import's report (JSON: counts per kind, every skip with its reason).
CREATE TABLE import_reports (
	id          INTEGER PRIMARY KEY,
	source      TEXT    NOT NULL,
	dry_run     INTEGER NOT NULL DEFAULT 0,
	started_at  INTEGER NOT NULL,
	finished_at INTEGER NOT NULL,
	report      TEXT    NOT NULL
);

-- View counts brought from the old site (Jannah's tie_views,
-- post_views_count), for the most-read lists to come.
CREATE TABLE article_views (
	article_id INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
	views      INTEGER NOT NULL DEFAULT 0
);
