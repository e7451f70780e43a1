BEGIN;
CREATE VIEW open_orders AS
SELECT id, customer_id, status, total, created_at FROM orders WHERE status IN ('new', 'paid');

-- v2: the total is no longer shown on the dashboard
CREATE OR REPLACE VIEW open_orders AS
SELECT id, customer_id, status, created_at FROM orders WHERE status IN ('new', 'paid');
COMMIT;
