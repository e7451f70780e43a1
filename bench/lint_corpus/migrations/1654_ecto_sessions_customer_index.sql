-- Ecto (@disable_ddl_transaction): create index(:sessions, [:customer_id], concurrently: true)
CREATE INDEX CONCURRENTLY "sessions_customer_id_index" ON "sessions" ("customer_id");
