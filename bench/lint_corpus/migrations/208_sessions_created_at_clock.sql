-- Track session creation time (precise to the statement, not the transaction).
ALTER TABLE sessions ADD COLUMN created_at timestamptz DEFAULT clock_timestamp();
