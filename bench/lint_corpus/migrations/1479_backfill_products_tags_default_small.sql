-- Products without tags get an empty array so the API never returns null.
UPDATE products SET tags = '{}' WHERE tags IS NULL;
ALTER TABLE products ALTER COLUMN tags SET DEFAULT '{}';
