CREATE TABLE customer_order_counts AS
SELECT customer_id, count(*) AS orders, max(created_at) AS last_order
FROM orders
GROUP BY customer_id;
ALTER TABLE customer_order_counts ADD PRIMARY KEY (customer_id);
