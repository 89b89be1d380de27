-- The search index. Articles are analyzed in Go (internal/search) into
-- space-separated words, so the database only splits at spaces and every
-- backend finds the same articles. Contentless: the text lives in articles;
-- rowid is the article's id.

CREATE VIRTUAL TABLE search_index USING fts5 (
	title_exact,
	title_stem,
	body_exact,
	body_stem,
	content = '',
	contentless_delete = 1,
	tokenize = 'unicode61 remove_diacritics 0'
);
