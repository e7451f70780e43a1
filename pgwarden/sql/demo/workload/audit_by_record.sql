-- CMS hot query: the change history of one record, newest first (id, operation, who, when).
SELECT id, operation, changed_by, created_at, new_values
FROM audit_logs
WHERE table_name = %(table_name)s AND record_id = %(record_id)s
ORDER BY created_at DESC
LIMIT 50;
