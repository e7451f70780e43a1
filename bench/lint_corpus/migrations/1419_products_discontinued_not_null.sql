-- products.discontinued must always be set (flyway V57__products_discontinued_not_null.sql)
UPDATE products SET discontinued = false WHERE discontinued IS NULL;
ALTER TABLE products ALTER COLUMN discontinued SET NOT NULL;
