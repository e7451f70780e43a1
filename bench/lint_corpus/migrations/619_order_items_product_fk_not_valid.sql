-- Add the FK without checking old rows, then validate it on its own.
SET lock_timeout = '2s';
ALTER TABLE order_items
    ADD CONSTRAINT order_items_product_id_fkey
    FOREIGN KEY (product_id) REFERENCES products (id) NOT VALID;
RESET lock_timeout;
ALTER TABLE order_items VALIDATE CONSTRAINT order_items_product_id_fkey;
