CREATE VIEW customer_order_counts AS
SELECT c.id AS customer_id, c.email, count(o.id) AS orders, max(o.created_at) AS last_order_at
FROM customers c
LEFT JOIN orders o ON o.customer_id = c.id
GROUP BY c.id, c.email;
