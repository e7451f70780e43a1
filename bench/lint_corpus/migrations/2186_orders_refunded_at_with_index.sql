-- Refunds: new column plus an index for the "refunds this month" report, in one revision.
BEGIN;
ALTER TABLE orders ADD COLUMN refunded_at timestamp;
CREATE INDEX orders_refunded_at_idx ON orders (refunded_at) WHERE refunded_at IS NOT NULL;
COMMIT;
