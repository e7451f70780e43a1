-- "Which orders contain product X?" is a sequential scan on order_items today.
CREATE INDEX order_items_product_id_idx ON order_items (product_id);
