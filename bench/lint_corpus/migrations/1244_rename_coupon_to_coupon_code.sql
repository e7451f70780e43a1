-- Rename orders.coupon to coupon_code to match the new promotions service.
ALTER TABLE orders RENAME COLUMN coupon TO coupon_code;
