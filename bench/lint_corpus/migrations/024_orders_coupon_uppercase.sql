ALTER TABLE orders ALTER COLUMN coupon TYPE text USING upper(coupon);
