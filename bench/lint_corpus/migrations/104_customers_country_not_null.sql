UPDATE customers SET country = 'PL' WHERE country IS NULL AND id <= 1000;
ALTER TABLE customers ALTER COLUMN country SET NOT NULL;
