-- The coupon report wants '' instead of NULL.
UPDATE orders SET coupon = '' WHERE coupon IS NULL;
ALTER TABLE orders ALTER COLUMN coupon SET DEFAULT '';
