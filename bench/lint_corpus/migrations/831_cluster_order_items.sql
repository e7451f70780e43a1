-- Order lines are read by order id; keep them physically together.
CLUSTER order_items USING order_items_pkey;
ANALYZE order_items;
