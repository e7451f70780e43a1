-- Drop the arbitrary length limit on order status.
ALTER TABLE orders ALTER COLUMN status TYPE text;
