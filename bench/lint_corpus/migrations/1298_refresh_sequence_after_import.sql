-- Move the audit_log id sequence past the ids imported from the legacy system.
SELECT setval('audit_log_id_seq', (SELECT max(id) FROM audit_log) + 1000);
