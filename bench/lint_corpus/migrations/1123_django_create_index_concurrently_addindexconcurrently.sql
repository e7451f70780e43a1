--
-- Concurrently create index audit_log_table_row_idx on field(s) table_name, row_id of model auditlog
--
CREATE INDEX CONCURRENTLY "audit_log_table_row_idx" ON "audit_log" ("table_name", "row_id");
