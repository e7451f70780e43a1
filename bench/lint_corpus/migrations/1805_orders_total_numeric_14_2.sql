-- Bigger B2B orders: allow totals up to 999,999,999,999.99
ALTER TABLE orders ALTER COLUMN total TYPE numeric(14,2);
