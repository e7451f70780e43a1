-- Store shipping times with their time zone.
ALTER TABLE orders ALTER COLUMN shipped_at TYPE timestamptz;
