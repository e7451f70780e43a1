ALTER TABLE products ADD COLUMN import_batch text;
UPDATE products SET import_batch = 'b1' WHERE id < 10;
ALTER TABLE products DROP COLUMN import_batch;
