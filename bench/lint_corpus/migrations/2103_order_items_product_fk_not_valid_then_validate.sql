-- order_items.product_id was never enforced. Add the foreign key in two steps so the
-- scan of order_items runs under SHARE UPDATE EXCLUSIVE only.
SET lock_timeout = '5s';

ALTER TABLE order_items
    ADD CONSTRAINT order_items_product_id_fkey
    FOREIGN KEY (product_id) REFERENCES products (id) NOT VALID;

ALTER TABLE order_items VALIDATE CONSTRAINT order_items_product_id_fkey;
