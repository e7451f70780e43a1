-- Add a gapless-ish sequence number to audit entries for the export
ALTER TABLE audit_log ADD COLUMN seq_no bigserial;
