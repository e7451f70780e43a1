BEGIN;
--
-- Add field loyalty_points to customer
--
ALTER TABLE "customers" ADD COLUMN "loyalty_points" integer DEFAULT 0 NOT NULL CHECK ("loyalty_points" >= 0);
ALTER TABLE "customers" ALTER COLUMN "loyalty_points" DROP DEFAULT;
COMMIT;
