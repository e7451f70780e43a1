-- Snapshot every order's status into audit_log before the status rework, with
-- orders frozen so the snapshot is consistent.
BEGIN;
LOCK TABLE orders IN SHARE MODE;
INSERT INTO audit_log (table_name, row_id, action, details)
SELECT 'orders', id, 'snapshot', status FROM orders;
COMMIT;
