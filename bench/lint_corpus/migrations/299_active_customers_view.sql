-- Reporting view of customers who ordered in the last 90 days.
CREATE OR REPLACE VIEW active_customers AS
SELECT c.id, c.email, c.country, max(o.created_at) AS last_order_at
FROM customers c
JOIN orders o ON o.customer_id = c.id
WHERE o.created_at > now() - interval '90 days'
GROUP BY c.id, c.email, c.country;
