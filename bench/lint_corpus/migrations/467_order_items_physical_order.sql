-- Most reads fetch all lines of one order; store lines in order_id order.
CLUSTER order_items USING order_items_pkey;
