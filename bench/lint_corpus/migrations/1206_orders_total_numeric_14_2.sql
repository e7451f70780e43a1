-- Allow order totals above 10 billion for B2B customers.
ALTER TABLE orders ALTER COLUMN total TYPE numeric(14,2);
