-- Trigram index for the product title autocomplete.
CREATE INDEX CONCURRENTLY products_title_trgm ON products USING gin (title gin_trgm_ops);
