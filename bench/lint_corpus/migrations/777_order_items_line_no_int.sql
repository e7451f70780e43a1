-- Marketplace orders can exceed 32,767 lines.
ALTER TABLE order_items ALTER COLUMN line_no TYPE integer;
