-- Store shipped_at with time zone like the rest of the schema.
ALTER TABLE orders ALTER COLUMN shipped_at TYPE timestamptz;
