-- created_at: use the statement's wall clock for rows inserted by long import transactions.
ALTER TABLE customers ALTER COLUMN created_at SET DEFAULT clock_timestamp();
ALTER TABLE audit_log ALTER COLUMN at SET DEFAULT clock_timestamp();
