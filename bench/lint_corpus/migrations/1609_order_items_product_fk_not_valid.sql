-- Add the order line -> product FK now; it gets validated in a later release
ALTER TABLE order_items ADD CONSTRAINT order_items_product_fk
    FOREIGN KEY (product_id) REFERENCES products (id) NOT VALID;
