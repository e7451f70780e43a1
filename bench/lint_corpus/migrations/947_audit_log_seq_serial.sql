-- ordering column for the exporter
ALTER TABLE audit_log ADD COLUMN export_seq serial;
