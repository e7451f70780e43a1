-- Add the missing foreign key from order lines to products without a long lock:
-- first NOT VALID (only new rows are checked), then validate separately.
ALTER TABLE order_items
    ADD CONSTRAINT order_items_product_id_fkey
    FOREIGN KEY (product_id) REFERENCES products (id) NOT VALID;
ALTER TABLE order_items VALIDATE CONSTRAINT order_items_product_id_fkey;
