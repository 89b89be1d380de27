-- Search looks up, for each article the full-text index matched, whether it
-- is visible (published, and not in the future) and its section. In the
-- articles table those columns come after the body, so each lookup reads
-- the article's overflow pages; this index holds them alone, and the search
-- asks for it by name (store/search.go).
CREATE INDEX articles_visible ON articles (id, status, published_at, section_id);
