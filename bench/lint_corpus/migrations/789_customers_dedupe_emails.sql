-- Remove duplicate customers (same e-mail), keeping the oldest account.
DELETE FROM customers a
USING customers b
WHERE a.email = b.email AND a.id > b.id
  AND NOT EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = a.id);
