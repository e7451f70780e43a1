BEGIN;
ALTER TABLE customers ADD COLUMN order_count integer;
UPDATE customers c SET order_count = s.n
FROM (SELECT customer_id, count(*) AS n FROM orders GROUP BY customer_id) s
WHERE s.customer_id = c.id;
COMMIT;
