-- Partial index over unshipped orders for the fulfilment queue.
-- Ecto: create index(:orders, [:created_at], where: "shipped_at IS NULL", concurrently: true)
CREATE INDEX CONCURRENTLY "orders_created_at_unshipped_index" ON "orders" ("created_at") WHERE shipped_at IS NULL;
