-- Django: 0055_order_shipped_idx (AddIndexConcurrently, atomic = False)
--
-- Concurrently create index orders_shipped_idx on field(s) shipped_at of model order
--
CREATE INDEX CONCURRENTLY "orders_shipped_idx" ON "orders" ("shipped_at") WHERE "shipped_at" IS NOT NULL;
