-- Convenience view for the marketing exports.
CREATE OR REPLACE VIEW active_customers WITH (security_barrier) AS
SELECT id, email, full_name, country, created_at
FROM customers
WHERE status = 'active' AND marketing_opt_in;
COMMENT ON VIEW active_customers IS 'Customers who are active and opted in to marketing.';
