-- Storefront search uses ILIKE '%term%' on product titles.
-- pg_trgm is already installed by the base schema.
CREATE INDEX products_title_trgm_idx ON products USING gin (title gin_trgm_ops);
