-- One line per product per order (the cart merges quantities).
CREATE UNIQUE INDEX CONCURRENTLY order_items_order_product_uniq
    ON order_items (order_id, product_id);
