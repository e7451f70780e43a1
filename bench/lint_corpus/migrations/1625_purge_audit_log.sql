-- Retention change: we no longer keep order audit entries in the database
DELETE FROM audit_log WHERE table_name = 'orders';
