-- Store shipping timestamps with time zone
ALTER TABLE orders ALTER COLUMN shipped_at TYPE timestamptz;
