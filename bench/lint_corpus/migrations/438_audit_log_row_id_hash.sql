-- Equality lookups of audit entries by row id.
CREATE INDEX CONCURRENTLY audit_log_row_id_hash ON audit_log USING hash (row_id);
