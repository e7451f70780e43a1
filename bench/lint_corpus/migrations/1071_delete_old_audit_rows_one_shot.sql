-- Purge the first half of the audit log (retention policy).
DELETE FROM audit_log WHERE id <= (SELECT max(id) / 2 FROM audit_log);
