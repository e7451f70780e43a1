-- Some marketplace orders have more than 32767 lines.
ALTER TABLE order_items ALTER COLUMN line_no TYPE integer;
