-- Retention: keep the audit log small. Delete in small batches so row locks stay short.
DELETE FROM audit_log WHERE id IN (SELECT id FROM audit_log WHERE id <= 10000 ORDER BY id LIMIT 2000);
DELETE FROM audit_log WHERE id IN (SELECT id FROM audit_log WHERE id <= 10000 ORDER BY id LIMIT 2000);
DELETE FROM audit_log WHERE id IN (SELECT id FROM audit_log WHERE id <= 10000 ORDER BY id LIMIT 2000);
DELETE FROM audit_log WHERE id IN (SELECT id FROM audit_log WHERE id <= 10000 ORDER BY id LIMIT 2000);
DELETE FROM audit_log WHERE id IN (SELECT id FROM audit_log WHERE id <= 10000 ORDER BY id LIMIT 2000);
