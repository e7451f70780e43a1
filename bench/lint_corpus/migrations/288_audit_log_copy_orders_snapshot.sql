-- Record a snapshot audit entry per shipped order before the status migration.
INSERT INTO audit_log (table_name, row_id, action, details)
SELECT 'orders', id, 'snapshot', 'status=' || status
FROM orders
WHERE status = 'shipped';
