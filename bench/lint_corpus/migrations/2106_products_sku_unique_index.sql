-- SKUs are unique by business rule; enforce it. products is the catalogue (a few thousand rows),
-- so a plain build holds the write lock only briefly.
BEGIN;
SET LOCAL lock_timeout = '2s';
CREATE UNIQUE INDEX products_sku_uniq ON products (sku);
COMMIT;
