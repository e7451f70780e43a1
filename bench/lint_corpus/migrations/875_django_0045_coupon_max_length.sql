BEGIN;
--
-- Alter field coupon on order
--
ALTER TABLE "orders" ALTER COLUMN "coupon" TYPE varchar(32) USING "coupon"::varchar(32);
COMMIT;
