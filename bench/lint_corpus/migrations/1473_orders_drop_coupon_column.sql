-- Coupons moved to coupon_codes / order_coupons; drop the legacy column.
ALTER TABLE orders DROP COLUMN IF EXISTS coupon;
