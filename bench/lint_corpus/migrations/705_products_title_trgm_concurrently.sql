-- Storefront search: fuzzy match on product titles.
SET maintenance_work_mem = '256MB';
CREATE INDEX CONCURRENTLY IF NOT EXISTS products_title_trgm
    ON products USING gin (title gin_trgm_ops);
