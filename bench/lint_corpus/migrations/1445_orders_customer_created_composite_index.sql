-- Composite index for "my orders, newest first" (Laravel migration 2026_11_10_120000_add_customer_created_index_to_orders).
create index "orders_customer_id_created_at_index" on "orders" ("customer_id", "created_at");
