-- Coupon usage reports.
BEGIN;
CREATE INDEX CONCURRENTLY orders_coupon_idx ON orders (coupon) WHERE coupon IS NOT NULL;
COMMIT;
