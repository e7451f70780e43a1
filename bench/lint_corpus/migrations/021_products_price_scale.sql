-- Prices with tenths of a cent for the B2B catalogue.
ALTER TABLE products ALTER COLUMN price TYPE numeric(10,3);
