-- Sitemaps walk the visible articles by publication time and need, of each,
-- its id, slug, update time, section and featured image: this index holds
-- them alone, as SQLite's migration 12 does, so that the walks are
-- answered from the index (store/sitemap.go).
CREATE INDEX articles_sitemap ON articles (status, published_at, id, updated_at, section_id, image_id, slug);
