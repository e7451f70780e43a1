-- Index for the product sales report. Short lock timeout so the deploy fails fast if busy.
SET lock_timeout = '1s';
SET statement_timeout = '10min';
CREATE INDEX order_items_product_qty_idx ON order_items (product_id, quantity);
