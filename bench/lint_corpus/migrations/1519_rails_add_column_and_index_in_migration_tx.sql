-- Rails migration AddReferrerToCustomers (add_column + add_index in the default migration transaction).
BEGIN;
ALTER TABLE "orders" ADD "referrer_customer_id" bigint;
CREATE INDEX "index_customers_on_created_at" ON "customers" ("created_at");
COMMIT;
