--
-- Alter field coupon on order
--
BEGIN;
ALTER TABLE "orders" ALTER COLUMN "coupon" TYPE varchar(50) USING "coupon"::varchar(50);
COMMIT;
