-- Guard rails: give up rather than hold the lock for long.
SET statement_timeout = '40ms';
CREATE INDEX order_items_product_quantity_idx ON order_items (product_id, quantity);
