-- Paid orders get a priority for the picking queue.
BEGIN;
ALTER TABLE orders ADD COLUMN priority smallint;
UPDATE orders SET priority = CASE WHEN total > 500 THEN 1 ELSE 2 END WHERE status = 'paid';
COMMIT;
