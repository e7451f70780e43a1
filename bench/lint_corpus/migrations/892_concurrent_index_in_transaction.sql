BEGIN;
ALTER TABLE orders ADD COLUMN external_ref text;
CREATE INDEX CONCURRENTLY orders_external_ref_idx ON orders (external_ref);
COMMIT;
