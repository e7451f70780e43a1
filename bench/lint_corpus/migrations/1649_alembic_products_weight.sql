-- Alembic revision 3f2a9c1d: add products.weight_grams, existing products default to 500 g
BEGIN;
ALTER TABLE products ADD COLUMN weight_grams INTEGER;
UPDATE products SET weight_grams = 500;
COMMIT;
