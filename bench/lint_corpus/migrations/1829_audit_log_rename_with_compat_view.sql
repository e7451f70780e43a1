-- Rename audit_log -> audit_events; keep a view under the old name until every service is deployed.
BEGIN;
ALTER TABLE audit_log RENAME TO audit_events;
ALTER SEQUENCE audit_log_id_seq RENAME TO audit_events_id_seq;
CREATE VIEW audit_log AS SELECT * FROM audit_events;
COMMIT;
