-- shipped_at was written in local time by the warehouse system.
SET TIME ZONE 'Europe/Warsaw';
ALTER TABLE orders ALTER COLUMN shipped_at TYPE timestamptz;
