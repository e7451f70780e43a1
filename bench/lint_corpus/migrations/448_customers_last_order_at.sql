-- Denormalise the date of the last order onto customers for the CRM export.
ALTER TABLE customers ADD COLUMN last_order_at timestamp;

UPDATE customers AS c
   SET last_order_at = o.last_at
  FROM (SELECT customer_id, max(created_at) AS last_at
          FROM orders GROUP BY customer_id) AS o
 WHERE o.customer_id = c.id;
