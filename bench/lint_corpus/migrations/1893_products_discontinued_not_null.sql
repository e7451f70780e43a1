UPDATE products SET discontinued = false WHERE discontinued IS NULL;
ALTER TABLE products
    ALTER COLUMN discontinued SET DEFAULT false,
    ALTER COLUMN discontinued SET NOT NULL;
