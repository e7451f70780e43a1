-- Gift orders: add the flag and mark orders that used the 'spring' gift coupon.
BEGIN;
ALTER TABLE orders ADD COLUMN is_gift boolean NOT NULL DEFAULT false;
UPDATE orders SET is_gift = true WHERE coupon = 'spring';
COMMIT;
