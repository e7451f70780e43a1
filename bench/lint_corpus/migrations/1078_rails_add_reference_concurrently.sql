-- disable_ddl_transaction!
-- add_reference :orders, :billing_address, index: {algorithm: :concurrently}
ALTER TABLE "orders" ADD "billing_address_id" bigint;
CREATE INDEX CONCURRENTLY "index_orders_on_billing_address_id" ON "orders" ("billing_address_id");
