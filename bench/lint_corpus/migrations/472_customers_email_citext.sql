-- Case-insensitive emails without lower() everywhere.
CREATE EXTENSION IF NOT EXISTS citext;
ALTER TABLE customers ALTER COLUMN email TYPE citext;
