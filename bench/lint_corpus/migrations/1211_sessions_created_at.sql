-- Record when a session was created so we can report session lengths.
ALTER TABLE sessions ADD COLUMN created_at timestamptz NOT NULL DEFAULT now();
