-- Reporting wants the line amount without recomputing it in every query.
ALTER TABLE order_items
  ADD COLUMN line_total numeric(14,2) GENERATED ALWAYS AS (quantity * unit_price) STORED;
