-- Allow order totals above 10 billion
ALTER TABLE orders ALTER COLUMN total TYPE numeric(14,2);
