-- Orders with more than 32767 lines are a thing now (B2B)
ALTER TABLE order_items ALTER COLUMN line_no TYPE integer;
