-- R__customer_order_stats.sql
CREATE OR REPLACE VIEW customer_order_stats AS
SELECT c.id AS customer_id, count(o.id) AS orders, coalesce(sum(o.total), 0) AS spent,
       max(o.created_at) AS last_order_at
FROM customers c
LEFT JOIN orders o ON o.customer_id = c.id
GROUP BY c.id;
