-- Sitemaps walk the visible articles by publication time and need, of each,
-- its id, slug, update time, section and featured image. In the articles
-- table the columns after the body (status, published_at, updated_at,
-- section_id, image_id) make every lookup read the article's overflow pages:
-- on 100k articles a month's sitemap took seconds. This index holds those
-- columns alone, in the order the walks read them (store/sitemap.go).
CREATE INDEX articles_sitemap ON articles (status, published_at, id, updated_at, section_id, image_id, slug);
