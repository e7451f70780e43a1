-- Store order timestamps with time zone.
ALTER TABLE orders ALTER COLUMN created_at TYPE timestamptz;
