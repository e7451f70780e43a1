-- Convenience view for support tooling.
CREATE OR REPLACE VIEW active_customers AS
SELECT id, email, full_name, country, created_at
  FROM customers
 WHERE status = 'active';

COMMENT ON VIEW active_customers IS 'Customers that can log in and place orders.';
