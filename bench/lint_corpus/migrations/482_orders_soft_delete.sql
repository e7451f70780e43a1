-- Soft delete for orders (support can restore by mistake deleted orders).
ALTER TABLE orders ADD COLUMN deleted_at timestamptz;
CREATE INDEX CONCURRENTLY orders_not_deleted_idx ON orders (customer_id) WHERE deleted_at IS NULL;
