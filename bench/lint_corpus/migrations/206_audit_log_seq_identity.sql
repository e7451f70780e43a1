-- A gap-free-ish ordering column for the audit export (id is shared with an old sequence).
ALTER TABLE audit_log ADD COLUMN export_seq bigint GENERATED ALWAYS AS IDENTITY;
