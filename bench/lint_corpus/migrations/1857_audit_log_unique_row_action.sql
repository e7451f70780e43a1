ALTER TABLE audit_log
    ADD CONSTRAINT audit_log_table_row_action_key UNIQUE (table_name, row_id, action);
