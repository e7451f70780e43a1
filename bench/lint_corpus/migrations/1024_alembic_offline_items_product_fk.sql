BEGIN;

-- Running upgrade 3f9a1c2b7d10 -> 8d2e44b1a9c3

ALTER TABLE order_items ADD CONSTRAINT fk_order_items_product_id_products FOREIGN KEY(product_id) REFERENCES products (id) NOT VALID;

ALTER TABLE order_items VALIDATE CONSTRAINT fk_order_items_product_id_products;

COMMIT;

