-- Step 1: add the FK without scanning existing rows.
ALTER TABLE order_items
    ADD CONSTRAINT order_items_product_id_fkey
    FOREIGN KEY (product_id) REFERENCES products (id) NOT VALID;

-- Step 2: validate in its own transaction (SHARE UPDATE EXCLUSIVE only).
ALTER TABLE order_items VALIDATE CONSTRAINT order_items_product_id_fkey;
