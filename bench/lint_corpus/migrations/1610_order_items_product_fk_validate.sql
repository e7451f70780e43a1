-- Add the order line -> product FK without a long lock, then validate it
ALTER TABLE order_items ADD CONSTRAINT order_items_product_fk
    FOREIGN KEY (product_id) REFERENCES products (id) NOT VALID;
ALTER TABLE order_items VALIDATE CONSTRAINT order_items_product_fk;
