CREATE EXTENSION IF NOT EXISTS citext;
-- case-insensitive e-mail comparisons everywhere
ALTER TABLE customers ALTER COLUMN email TYPE citext;
