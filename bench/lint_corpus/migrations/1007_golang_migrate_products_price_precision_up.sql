-- 000042_products_price_precision.up.sql
ALTER TABLE products ALTER COLUMN price TYPE numeric(16,2);
