-- The search index. Articles are analyzed in Go (internal/arabic), and the
-- analyzed words are written as a tsvector in Go too (store/postgres_search.go):
-- the words as written and, after "~", their stems, a stem and its
-- clitic-free alternatives at the same position, so that phrases match
-- either; weights A–D stand for the headline's words, the headline's stems,
-- the body's words and the body's stems. PostgreSQL's own parser and
-- dictionaries are not used, so that both backends find the same articles.
-- Migration 3 also fills it (see migrate.go).

CREATE TABLE search_index (
	article_id BIGINT   PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
	doc        TSVECTOR NOT NULL
);

CREATE INDEX search_index_doc ON search_index USING GIN (doc);
