-- Producers may omit the payload; store an empty object instead of NULL for new events.
ALTER TABLE events ALTER COLUMN payload SET DEFAULT '{}'::jsonb;
