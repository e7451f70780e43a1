-- A product appears at most once per order; quantities are summed on the line.
ALTER TABLE order_items
    ADD CONSTRAINT order_items_order_product_key UNIQUE (order_id, product_id);
