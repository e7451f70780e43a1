-- priv/repo/migrations/20261103120000_index_orders_shipped_at.exs
-- @disable_ddl_transaction true, @disable_migration_lock true
CREATE INDEX CONCURRENTLY "orders_shipped_at_index" ON "orders" ("shipped_at") WHERE shipped_at IS NOT NULL;
