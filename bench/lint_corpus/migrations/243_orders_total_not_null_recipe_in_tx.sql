-- total NOT NULL (check first, then the column constraint), all in one migration transaction.
BEGIN;
ALTER TABLE orders ADD CONSTRAINT orders_total_present CHECK (total IS NOT NULL) NOT VALID;
ALTER TABLE orders VALIDATE CONSTRAINT orders_total_present;
ALTER TABLE orders ALTER COLUMN total SET NOT NULL;
ALTER TABLE orders DROP CONSTRAINT orders_total_present;
COMMIT;
