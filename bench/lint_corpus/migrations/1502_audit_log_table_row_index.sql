-- History tab: audit rows of one record.
CREATE INDEX audit_log_table_name_row_id_idx ON audit_log (table_name, row_id);
