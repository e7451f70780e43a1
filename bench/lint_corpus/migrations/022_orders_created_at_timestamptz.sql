-- Store order times with their time zone.
ALTER TABLE orders ALTER COLUMN created_at TYPE timestamptz;
