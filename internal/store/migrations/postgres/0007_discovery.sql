-- Discovery: what search engines and share cards read of an article, the
-- point of an image that crops must keep, and the addresses that moved.

-- Optional per article; each falls back to the headline, the summary and
-- the featured image.
ALTER TABLE articles ADD COLUMN seo_title TEXT NOT NULL DEFAULT '';
ALTER TABLE articles ADD COLUMN seo_description TEXT NOT NULL DEFAULT '';
ALTER TABLE articles ADD COLUMN social_image_id BIGINT REFERENCES media (id);

-- The focal point of an image, as fractions of its width and height from
-- the top-left corner; crops (16:9, 4:3, 1:1, for search engines and share
-- cards) keep it in view. crops is a JSON list like variants, each with
-- its "ratio".
ALTER TABLE media ADD COLUMN focus_x DOUBLE PRECISION NOT NULL DEFAULT 0.5;
ALTER TABLE media ADD COLUMN focus_y DOUBLE PRECISION NOT NULL DEFAULT 0.5;
ALTER TABLE media ADD COLUMN crops TEXT NOT NULL DEFAULT '[]';

-- Every earlier address of something that still exists: an article's or a
-- section's old slug, an imported site's permalinks. The target is an object
-- (kind and id), not a path, so that a redirect always leads to the current
-- address in one step: no chains, no loops. kind 'path' sends to target, a
-- path on this site (an imported upload's new file, say).
CREATE TABLE redirects (
	path       TEXT    PRIMARY KEY,
	kind       TEXT    NOT NULL CHECK (kind IN ('article', 'section', 'author', 'tag', 'page', 'media', 'path')),
	target_id  BIGINT  NOT NULL DEFAULT 0,
	target     TEXT    NOT NULL DEFAULT '',
	created_at BIGINT  NOT NULL
);

CREATE INDEX redirects_by_target ON redirects (kind, target_id);
