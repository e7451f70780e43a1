-- shipped_at was stored in UTC without a zone; make that explicit.
SET TIME ZONE 'UTC';
ALTER TABLE orders ALTER COLUMN shipped_at TYPE timestamptz;
