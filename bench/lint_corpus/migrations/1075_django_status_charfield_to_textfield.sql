BEGIN;
--
-- Alter field status on order
--
ALTER TABLE "orders" ALTER COLUMN "status" TYPE text USING "status"::text;
COMMIT;
