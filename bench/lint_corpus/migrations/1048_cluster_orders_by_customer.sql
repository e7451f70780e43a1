-- Order history pages read by customer_id; physically order the table that way.
CLUSTER orders USING orders_customer_idx;
