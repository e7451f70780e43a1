-- Marketplace sellers will push the product count past int range; widen the key early.
BEGIN;
SET LOCAL lock_timeout = '5s';
ALTER TABLE products ALTER COLUMN id TYPE bigint;
ALTER TABLE order_items ALTER COLUMN product_id TYPE bigint;
COMMIT;
