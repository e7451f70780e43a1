-- store shipped_at with time zone; all existing values were written in UTC
SET TimeZone = 'UTC';
ALTER TABLE orders ALTER COLUMN shipped_at TYPE timestamptz;
