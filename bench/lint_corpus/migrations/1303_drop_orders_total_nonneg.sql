-- Refunds are stored as negative orders now; drop the non-negative check.
ALTER TABLE orders DROP CONSTRAINT IF EXISTS orders_total_nonneg;
