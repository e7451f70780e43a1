-- shipped_at -> timestamptz. The server runs in UTC, so existing values keep their meaning
-- and PostgreSQL can skip rewriting the table.
SET timezone TO 'UTC';
SET lock_timeout TO '5s';
ALTER TABLE orders ALTER COLUMN shipped_at TYPE timestamp with time zone;
