CREATE VIEW active_customers AS
SELECT id, email, full_name, country, created_at
FROM customers
WHERE status = 'active';
