-- Product sales report joins order_items on product_id.
SET maintenance_work_mem = '256MB';
CREATE INDEX order_items_product_id_idx ON order_items (product_id);
