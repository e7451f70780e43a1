-- "Show me the history of this row" in the admin panel.
set maintenance_work_mem = '256MB';
create index concurrently if not exists audit_log_table_row_idx
    on audit_log (table_name, row_id);
