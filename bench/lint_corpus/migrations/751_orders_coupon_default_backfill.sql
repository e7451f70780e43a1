-- coupon: store '' instead of NULL so the export's CSV columns line up.
BEGIN;
ALTER TABLE orders ALTER COLUMN coupon SET DEFAULT '';
UPDATE orders SET coupon = '' WHERE coupon IS NULL;
COMMIT;
