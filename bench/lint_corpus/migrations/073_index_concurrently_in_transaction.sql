BEGIN;
CREATE INDEX CONCURRENTLY orders_shipped_at_idx ON orders (shipped_at);
COMMIT;
