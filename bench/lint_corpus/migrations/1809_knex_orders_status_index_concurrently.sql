-- knex migration 20261203_orders_status_index.js (config.transaction = false)
create index concurrently if not exists "orders_status_index" on "orders" ("status");
