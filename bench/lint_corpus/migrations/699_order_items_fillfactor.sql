-- HOT updates on quantity: leave room on each page for new tuples.
ALTER TABLE order_items SET (fillfactor = 85);
VACUUM (ANALYZE) order_items;
