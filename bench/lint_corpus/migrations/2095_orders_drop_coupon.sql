-- Coupons moved to the promotions service (deployed last week).
ALTER TABLE orders DROP COLUMN coupon;
