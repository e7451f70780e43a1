-- R__open_orders_view.sql (repeatable)
CREATE OR REPLACE VIEW open_orders AS
SELECT o.id, o.customer_id, c.email, o.status, o.total, o.created_at
FROM orders o
JOIN customers c ON c.id = o.customer_id
WHERE o.status IN ('new', 'paid') AND o.shipped_at IS NULL;
