-- Totals of B2B orders can exceed 10^10.
ALTER TABLE orders ALTER COLUMN total TYPE numeric(16,2);
