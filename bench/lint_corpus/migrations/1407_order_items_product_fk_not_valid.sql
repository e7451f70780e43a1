-- Enforce order_items -> products for new rows now; existing rows are validated in the next migration.
SET lock_timeout = '3s';
ALTER TABLE order_items
    ADD CONSTRAINT order_items_product_id_fkey FOREIGN KEY (product_id) REFERENCES products (id) NOT VALID;
