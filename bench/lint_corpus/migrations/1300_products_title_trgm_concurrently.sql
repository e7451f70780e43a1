-- Fuzzy product search: trigram index on title.
CREATE INDEX CONCURRENTLY products_title_trgm_idx ON products USING gin (title gin_trgm_ops);
