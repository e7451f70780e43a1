-- row_id never exceeds 2^31; save four bytes per row.
ALTER TABLE audit_log ALTER COLUMN row_id TYPE integer;
