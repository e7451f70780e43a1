-- Marketplace SKUs are up to 64 characters.
ALTER TABLE products ALTER COLUMN sku TYPE varchar(64);
