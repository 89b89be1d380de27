-- Placeholder for migration 0008 (static pages), which branch "pages"
-- brings: on merging it, its 0008_pages.sql replaces this file.
SELECT 1;
