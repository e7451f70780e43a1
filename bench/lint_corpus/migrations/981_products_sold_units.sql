BEGIN;
ALTER TABLE products ADD COLUMN sold_units bigint NOT NULL DEFAULT 0;
UPDATE products p
SET sold_units = s.units
FROM (SELECT product_id, sum(quantity) AS units FROM order_items GROUP BY product_id) s
WHERE s.product_id = p.id;
COMMIT;
