-- Deploy tool: serialize migrations across app servers with an advisory lock.
SELECT pg_advisory_lock(727274);
SET maintenance_work_mem = '512MB';
CREATE INDEX IF NOT EXISTS order_items_product_idx ON order_items (product_id, order_id);
SELECT pg_advisory_unlock(727274);
