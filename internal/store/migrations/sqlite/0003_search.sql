-- The search index. Articles are analyzed in Go (internal/arabic) into
-- space-separated words, so the database only splits at spaces and every
-- backend finds the same articles: the words as written, and their stems,
-- where "stem|alt" puts a clitic-free alternative at the same position (the
-- midad tokenizer, store/tokenizer.go), so that phrases match either.
-- Contentless: the text lives in articles; rowid is the article's id.
-- Migration 3 also fills it (see migrate.go).

CREATE VIRTUAL TABLE search_index USING fts5 (
	title_exact,
	title_stem,
	body_exact,
	body_stem,
	content = '',
	contentless_delete = 1,
	tokenize = 'midad'
);
