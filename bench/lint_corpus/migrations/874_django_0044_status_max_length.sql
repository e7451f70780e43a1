BEGIN;
--
-- Alter field status on order
--
ALTER TABLE "orders" ALTER COLUMN "status" TYPE varchar(40);
COMMIT;
