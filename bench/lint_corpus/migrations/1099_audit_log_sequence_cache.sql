ALTER SEQUENCE audit_log_id_seq CACHE 50;
