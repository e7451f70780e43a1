ALTER TABLE products ALTER COLUMN price TYPE numeric(12,3);
