CREATE INDEX order_items_product_idx ON order_items (product_id) INCLUDE (quantity);
