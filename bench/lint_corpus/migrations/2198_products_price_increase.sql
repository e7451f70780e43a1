-- Yearly price increase of 5% on active products. Lock out concurrent price edits from
-- the back office while the update runs.
BEGIN;
LOCK TABLE products IN SHARE ROW EXCLUSIVE MODE;
UPDATE products SET price = round(price * 1.05, 2) WHERE NOT discontinued;
COMMIT;
