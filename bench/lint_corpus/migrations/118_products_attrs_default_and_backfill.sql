ALTER TABLE products ALTER COLUMN attrs SET DEFAULT '{}';
UPDATE products SET attrs = '{}' WHERE attrs IS NULL;
