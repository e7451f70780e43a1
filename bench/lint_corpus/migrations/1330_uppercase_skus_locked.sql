-- Normalise SKUs to upper case; lock products so the importer cannot insert lower-case ones meanwhile.
BEGIN;
SET LOCAL lock_timeout = '5s';
LOCK TABLE products IN ACCESS EXCLUSIVE MODE;
UPDATE products SET sku = upper(sku) WHERE sku <> upper(sku);
COMMIT;
