-- Full-text search over order status and coupon for the support console.
ALTER TABLE orders ADD COLUMN search tsvector
    GENERATED ALWAYS AS (to_tsvector('simple', status || ' ' || coalesce(coupon, ''))) STORED;
CREATE INDEX CONCURRENTLY orders_search_idx ON orders USING gin (search);
