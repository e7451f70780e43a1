-- Flyway R__customer_order_summary.sql (repeatable, re-applied when the checksum changes)
CREATE OR REPLACE VIEW customer_order_summary AS
SELECT c.id AS customer_id,
       c.email,
       count(o.id) AS orders,
       coalesce(sum(o.total), 0) AS lifetime_value,
       max(o.created_at) AS last_order_at
FROM customers c
LEFT JOIN orders o ON o.customer_id = c.id
GROUP BY c.id, c.email;
GRANT SELECT ON customer_order_summary TO PUBLIC;
