-- Django 4.2 sqlmigrate loyalty 0003_customer_loyalty_points
BEGIN;
--
-- Add field loyalty_points to customer
--
ALTER TABLE "customers" ADD COLUMN "loyalty_points" integer DEFAULT 0 NOT NULL;
ALTER TABLE "customers" ALTER COLUMN "loyalty_points" DROP DEFAULT;
COMMIT;
