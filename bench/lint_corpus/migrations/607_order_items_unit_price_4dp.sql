-- Unit prices need sub-cent precision for the wholesale catalogue.
BEGIN;
SET LOCAL lock_timeout = '3s';
SET LOCAL statement_timeout = '15min';
ALTER TABLE order_items ALTER COLUMN unit_price TYPE numeric(12,4);
COMMIT;
