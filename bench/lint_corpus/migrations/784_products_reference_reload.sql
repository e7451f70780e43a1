-- Reload the catalogue from the PIM snapshot (truncate + insert so no stale rows remain).
BEGIN;
CREATE TEMP TABLE pim_snapshot ON COMMIT DROP AS
    SELECT id, sku, 'PIM ' || title AS title, price, stock, tags, attrs, discontinued FROM products;
TRUNCATE products;
INSERT INTO products SELECT * FROM pim_snapshot;
COMMIT;
