-- orders.created_at was stored in server local time; make it timestamptz like customers.
-- The servers run in UTC, so existing values keep their meaning.
SET TIME ZONE 'UTC';
ALTER TABLE orders ALTER COLUMN created_at TYPE timestamptz;
