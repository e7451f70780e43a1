BEGIN;
-- Orders older than a year that were never shipped are archived.
UPDATE orders
   SET status = 'archived'
 WHERE created_at < now() - interval '365 days'
   AND shipped_at IS NULL;
INSERT INTO audit_log (table_name, action, details)
VALUES ('orders', 'bulk_archive', 'archived unshipped orders older than one year');
COMMIT;
