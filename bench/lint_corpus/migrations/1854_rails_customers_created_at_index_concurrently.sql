-- Rails: disable_ddl_transaction!; add_index :customers, :created_at, algorithm: :concurrently
CREATE INDEX CONCURRENTLY "index_customers_on_created_at" ON "customers" ("created_at");
