CREATE OR REPLACE VIEW active_customers AS
SELECT id, email, full_name, country, created_at
FROM customers
WHERE status = 'active';

CREATE OR REPLACE VIEW active_customers AS
SELECT id, email, full_name, country, created_at, marketing_opt_in
FROM customers
WHERE status = 'active';
