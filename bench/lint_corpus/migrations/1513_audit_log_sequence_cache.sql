-- Fewer sequence round trips for the audit writer.
ALTER SEQUENCE audit_log_id_seq CACHE 50;
