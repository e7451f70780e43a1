-- shipped_at was stored as UTC wall time without zone; make it timestamptz.
-- Session is UTC so PostgreSQL can keep the stored values as they are.
SET timezone = 'UTC';
SET lock_timeout = '5s';
ALTER TABLE orders ALTER COLUMN shipped_at TYPE timestamptz USING shipped_at AT TIME ZONE 'UTC';
