-- Composite index for "latest orders of a customer" (Ecto: create index(:orders, [:customer_id, :created_at], concurrently: true)).
CREATE INDEX CONCURRENTLY "orders_customer_id_created_at_index" ON "orders" ("customer_id", "created_at");
