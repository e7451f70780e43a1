-- GDPR request batch: drop audit rows for the purged order range
DELETE FROM audit_log
WHERE id IN (SELECT id FROM audit_log WHERE table_name = 'orders' AND row_id % 2 = 0);
