BEGIN;
UPDATE orders SET coupon = NULL WHERE coupon = '';
ALTER TABLE orders ADD COLUMN coupon_id bigint;
COMMIT;
