-- Product sales report: index-only scans over (product_id) with the measures included.
CREATE INDEX CONCURRENTLY order_items_product_cover_idx
    ON order_items (product_id) INCLUDE (quantity, unit_price);
