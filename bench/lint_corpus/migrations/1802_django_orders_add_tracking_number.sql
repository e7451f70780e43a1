--
-- Add field tracking_number to order
--
BEGIN;
ALTER TABLE "orders" ADD COLUMN "tracking_number" varchar(64) NULL;
COMMIT;
