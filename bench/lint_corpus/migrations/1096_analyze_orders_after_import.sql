ANALYZE orders;
ANALYZE order_items;
