-- Seed the audit log with a 'created' entry for every historic order.
INSERT INTO audit_log (table_name, row_id, action, at, details)
SELECT 'orders', id, 'insert', created_at, 'backfilled'
FROM orders;
