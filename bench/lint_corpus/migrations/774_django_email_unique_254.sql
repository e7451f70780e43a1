-- Django: 0061_alter_customer_email (EmailField(max_length=254, unique=True))
BEGIN;
--
-- Alter field email on customer
--
ALTER TABLE "customers" ALTER COLUMN "email" TYPE varchar(254);
ALTER TABLE "customers" ADD CONSTRAINT "customers_email_key" UNIQUE ("email");
CREATE INDEX "customers_email_like" ON "customers" ("email" varchar_pattern_ops);
COMMIT;
