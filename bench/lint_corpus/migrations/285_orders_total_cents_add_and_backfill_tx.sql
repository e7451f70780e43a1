-- Money as integer cents: add the column and fill it in one go.
BEGIN;
ALTER TABLE orders ADD COLUMN total_cents bigint;
UPDATE orders SET total_cents = (total * 100)::bigint;
COMMIT;
