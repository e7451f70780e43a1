-- Django: 0054_alter_customer_email (db_index=True)
BEGIN;
--
-- Alter field email on customer
--
CREATE INDEX "customers_email_4f2e1b6a" ON "customers" ("email");
CREATE INDEX "customers_email_4f2e1b6a_like" ON "customers" ("email" varchar_pattern_ops);
COMMIT;
