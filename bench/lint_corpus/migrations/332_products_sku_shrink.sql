-- New SKU format is 16 characters max.
ALTER TABLE products ALTER COLUMN sku TYPE varchar(16);
