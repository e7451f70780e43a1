-- Wholesale lines can exceed 99,999,999.99; widen the precision, keep two decimals.
BEGIN;
SET LOCAL lock_timeout = '3s';
ALTER TABLE order_items ALTER COLUMN unit_price TYPE numeric(14,2);
COMMIT;
