ALTER TABLE order_items
    ADD COLUMN line_total numeric(14,2) GENERATED ALWAYS AS (quantity * unit_price) STORED;
