-- Flyway repeatable migration: re-applied whenever its checksum changes.
CREATE OR REPLACE VIEW customer_summary AS
SELECT c.id,
       c.email,
       c.country,
       count(o.id)            AS orders,
       coalesce(sum(o.total), 0) AS lifetime_value,
       max(o.created_at)      AS last_order_at
FROM customers c
LEFT JOIN orders o ON o.customer_id = c.id
GROUP BY c.id, c.email, c.country;
