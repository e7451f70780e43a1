-- Physically order orders by customer for the account page (DBA maintenance).
CLUSTER orders USING orders_customer_idx;
