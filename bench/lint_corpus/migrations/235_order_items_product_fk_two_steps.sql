-- flyway: V235__order_items_product_fk.sql
-- Step 1: new rows are checked immediately; existing rows are not scanned.
SET lock_timeout = '2s';
ALTER TABLE order_items
    ADD CONSTRAINT fk_order_items_product FOREIGN KEY (product_id)
    REFERENCES products (id) ON DELETE RESTRICT NOT VALID;
-- Step 2: scan existing rows without blocking writes.
RESET lock_timeout;
ALTER TABLE order_items VALIDATE CONSTRAINT fk_order_items_product;
