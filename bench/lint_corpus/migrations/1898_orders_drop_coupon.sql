SET lock_timeout = '3s';
-- coupons now live in their own table
ALTER TABLE orders DROP COLUMN IF EXISTS coupon;
