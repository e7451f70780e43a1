-- Orders were stored in server-local time without zone; make them timestamptz (they are UTC).
SET lock_timeout TO '10s';
ALTER TABLE orders
    ALTER COLUMN created_at TYPE timestamptz USING created_at AT TIME ZONE 'UTC',
    ALTER COLUMN shipped_at TYPE timestamptz USING shipped_at AT TIME ZONE 'UTC';
