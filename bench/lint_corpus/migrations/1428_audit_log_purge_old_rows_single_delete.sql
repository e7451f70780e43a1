-- Purge audit rows older than the retention window (first 100k ids were imported from the old system).
DELETE FROM audit_log WHERE id <= 100000;
