-- Audit moved to the event pipeline (events.kind = 'audit'); the old table goes.
DROP TABLE IF EXISTS audit_log;
