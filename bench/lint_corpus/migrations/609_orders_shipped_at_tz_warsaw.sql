-- shipped_at values were written by the Warsaw warehouse app in local time.
SET timezone = 'Europe/Warsaw';
ALTER TABLE orders ALTER COLUMN shipped_at TYPE timestamptz;
