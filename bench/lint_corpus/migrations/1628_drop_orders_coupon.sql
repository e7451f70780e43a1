-- Coupons moved to their own table; drop the old column
ALTER TABLE orders DROP COLUMN coupon;
