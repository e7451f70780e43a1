-- Customer order history reads are faster when orders are stored by customer.
CLUSTER orders USING orders_customer_idx;
ANALYZE orders;
