-- Search checks, for each article the index matched, whether it is visible
-- (published, and not in the future) and its section: this index holds
-- those columns alone, as SQLite's migration 6 does, and lets PostgreSQL
-- answer that check from the index.
CREATE INDEX articles_visible ON articles (id, status, published_at, section_id);
