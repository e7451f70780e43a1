ALTER TABLE sessions ADD COLUMN created_at timestamptz DEFAULT clock_timestamp();
