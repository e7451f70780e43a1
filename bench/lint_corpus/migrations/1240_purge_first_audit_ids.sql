-- Drop the audit rows from before the 2.0 migration (ids up to 100000).
DELETE FROM audit_log WHERE id <= 100000;
