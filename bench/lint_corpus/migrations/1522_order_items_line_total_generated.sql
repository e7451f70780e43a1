-- Store each order line's total so reports stop multiplying on the fly.
ALTER TABLE order_items ADD COLUMN line_total numeric(12,2) GENERATED ALWAYS AS (quantity * unit_price) STORED;
