-- Flyway V610__orders_created_at_timestamptz.sql
-- created_at should carry a time zone like every other timestamp in the schema.
SET lock_timeout = '10s';
ALTER TABLE orders ALTER COLUMN created_at TYPE timestamptz;
