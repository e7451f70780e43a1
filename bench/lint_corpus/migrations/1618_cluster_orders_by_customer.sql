-- DBA: physically order orders by customer for the account page
CLUSTER orders USING orders_customer_idx;
