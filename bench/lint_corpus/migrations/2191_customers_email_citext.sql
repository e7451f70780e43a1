-- Case-insensitive e-mail comparisons everywhere.
CREATE EXTENSION IF NOT EXISTS citext;
ALTER TABLE customers ALTER COLUMN email TYPE citext;
