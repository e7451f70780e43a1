-- Prices need four decimals for wholesale unit pricing.
ALTER TABLE products ALTER COLUMN price TYPE numeric(12,4);
