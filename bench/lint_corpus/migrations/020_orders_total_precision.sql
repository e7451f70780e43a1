-- Wholesale orders exceed 10^10.
ALTER TABLE orders ALTER COLUMN total TYPE numeric(14,2);
