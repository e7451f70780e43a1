ALTER TABLE orders RENAME COLUMN coupon TO coupon_code;
