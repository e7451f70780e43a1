-- Look up the history of a row from the admin UI.
CREATE INDEX ix_audit_log_table_name_row_id ON audit_log (table_name, row_id);
