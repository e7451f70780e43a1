-- 5% price increase; lock products so no order reads a half-updated catalogue.
BEGIN;
LOCK TABLE products IN ACCESS EXCLUSIVE MODE;
UPDATE products SET price = round(price * 1.05, 2) WHERE NOT discontinued;
COMMIT;
