-- 20261109110000_index_orders_created_at.exs: @disable_ddl_transaction was forgotten
BEGIN;
CREATE INDEX CONCURRENTLY "orders_created_at_index" ON "orders" ("created_at");
COMMIT;
