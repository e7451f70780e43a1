-- Leave room below 10M for rows imported from the old system.
ALTER SEQUENCE audit_log_id_seq RESTART WITH 10000000;
