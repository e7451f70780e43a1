CREATE INDEX CONCURRENTLY IF NOT EXISTS products_price_desc_idx ON products (price DESC);
