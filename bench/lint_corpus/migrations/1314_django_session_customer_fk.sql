-- Turn Session.customer_id into a ForeignKey to Customer.
BEGIN;
--
-- Alter field customer on session
--
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_customer_id_9a3c1b22_fk_customers_id" FOREIGN KEY ("customer_id") REFERENCES "customers" ("id") DEFERRABLE INITIALLY DEFERRED;
CREATE INDEX "sessions_customer_id_9a3c1b22" ON "sessions" ("customer_id");
COMMIT;
