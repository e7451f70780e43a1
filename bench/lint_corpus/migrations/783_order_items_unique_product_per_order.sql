-- A product appears at most once per order (quantities are merged by the cart).
CREATE UNIQUE INDEX order_items_order_product_key ON order_items (order_id, product_id);
