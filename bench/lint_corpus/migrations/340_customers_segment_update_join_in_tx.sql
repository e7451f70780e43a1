-- Segment customers by order count (small shop job, runs in one transaction for atomicity).
ALTER TABLE customers ADD COLUMN IF NOT EXISTS segment text;
BEGIN;
UPDATE customers c SET segment = 'repeat'
FROM (SELECT customer_id FROM orders GROUP BY customer_id HAVING count(*) > 1) r
WHERE r.customer_id = c.id;
UPDATE customers SET segment = 'single' WHERE segment IS NULL;
COMMIT;
