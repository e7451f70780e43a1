-- Add the order_items -> products foreign key in two steps (validate in its own transaction).
ALTER TABLE order_items
    ADD CONSTRAINT order_items_product_id_fkey FOREIGN KEY (product_id) REFERENCES products (id) NOT VALID;

ALTER TABLE order_items VALIDATE CONSTRAINT order_items_product_id_fkey;
