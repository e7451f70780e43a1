-- Superseded by the composite (customer_id, created_at) index.
CREATE INDEX CONCURRENTLY orders_customer_created_idx ON orders (customer_id, created_at DESC);
DROP INDEX orders_customer_idx;
