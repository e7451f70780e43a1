DELETE FROM sessions s
WHERE NOT EXISTS (SELECT 1 FROM customers c WHERE c.id = s.customer_id);
