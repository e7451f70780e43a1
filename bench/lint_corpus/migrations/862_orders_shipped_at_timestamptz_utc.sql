-- The app always wrote UTC into shipped_at; make the type say so.
-- With the session time zone at UTC this is a catalog-only change (PostgreSQL 12+).
SET TIME ZONE 'UTC';
ALTER TABLE orders ALTER COLUMN shipped_at TYPE timestamptz;
