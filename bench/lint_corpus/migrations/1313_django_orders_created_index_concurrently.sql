-- AddIndexConcurrently on Order.created_at (atomic = False).
--
-- Concurrently create index orders_created_b5e9d1_idx on field(s) created_at of model order
--
CREATE INDEX CONCURRENTLY "orders_created_b5e9d1_idx" ON "orders" ("created_at");
