-- golang-migrate: order lines must reference products (added NOT VALID, then validated)
BEGIN;
ALTER TABLE order_items ADD CONSTRAINT fk_order_items_product
    FOREIGN KEY (product_id) REFERENCES products (id) NOT VALID;
ALTER TABLE order_items VALIDATE CONSTRAINT fk_order_items_product;
COMMIT;
