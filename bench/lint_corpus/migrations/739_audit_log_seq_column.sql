-- Global ordering number for audit rows, shared with the event pipeline's sequence.
CREATE SEQUENCE IF NOT EXISTS audit_global_seq;
ALTER TABLE audit_log ADD COLUMN global_seq bigint NOT NULL DEFAULT nextval('audit_global_seq');
