-- Coupons moved to the promotions service.
ALTER TABLE orders DROP COLUMN coupon;
