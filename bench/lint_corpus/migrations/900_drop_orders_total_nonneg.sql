-- Negative totals are allowed now (credit notes).
ALTER TABLE orders DROP CONSTRAINT IF EXISTS orders_total_nonneg;
