-- CMS hot query: the change history of one record, newest first (id, operation, who, when).
SELECT id, operation, changed_by, created_at, new_values
FROM audit_logs
WHERE table_name = 'workshops' AND record_id = 'dbde9347f156f968d0968e35ee6ea1d0'::uuid
ORDER BY created_at DESC
LIMIT 50;
