-- Flag customers who spent more than 2,500 as VIP (column first, backfill as its own statement).
ALTER TABLE customers ADD COLUMN is_vip boolean NOT NULL DEFAULT false;
UPDATE customers SET is_vip = true
WHERE id IN (SELECT customer_id FROM orders GROUP BY customer_id HAVING sum(total) > 2500);
