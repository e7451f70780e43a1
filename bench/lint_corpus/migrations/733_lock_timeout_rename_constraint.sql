-- Rename the check to our naming convention; give up after 1s if anything holds orders.
BEGIN;
SET LOCAL lock_timeout = '1s';
LOCK TABLE orders IN ACCESS EXCLUSIVE MODE;
ALTER TABLE orders RENAME CONSTRAINT orders_total_nonneg TO orders_total_nonneg_check;
ALTER INDEX orders_customer_idx RENAME TO orders_customer_id_idx;
COMMIT;
