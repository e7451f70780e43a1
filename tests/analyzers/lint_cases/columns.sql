-- Columns: NOT NULL without default, and table rewrites.
-- case: NOT NULL column without default
-- expect: add-column-not-null-without-default
ALTER TABLE users ADD COLUMN locale text NOT NULL;

-- case: NOT NULL column with a constant default (no rewrite since PostgreSQL 11)
-- expect: clean
ALTER TABLE users ADD COLUMN locale text NOT NULL DEFAULT 'pl';

-- case: stable default now() is evaluated once
-- expect: clean
ALTER TABLE users ADD COLUMN created_at timestamptz NOT NULL DEFAULT now();

-- case: volatile default rewrites
-- expect: rewrite-volatile-default
ALTER TABLE users ADD COLUMN token uuid DEFAULT gen_random_uuid();

-- case: stored generated column rewrites
-- expect: rewrite-generated-column
ALTER TABLE users ADD COLUMN email_lower text GENERATED ALWAYS AS (lower(email)) STORED;

-- case: serial column rewrites
-- expect: rewrite-serial-column
ALTER TABLE audit_log ADD COLUMN seq bigserial;

-- case: identity column rewrites
-- expect: rewrite-serial-column
ALTER TABLE audit_log ADD COLUMN seq bigint GENERATED ALWAYS AS IDENTITY;

-- case: varchar to text is binary-coercible (squawk flags this)
-- expect: clean
ALTER TABLE users ALTER COLUMN email TYPE text;

-- case: widening varchar(n) is free
-- expect: clean
CREATE TABLE labels (id int, name varchar(50));
-- migration
ALTER TABLE labels ALTER COLUMN name TYPE varchar(100);

-- case: text to varchar(n) checks every row
-- expect: rewrite-column-type
ALTER TABLE users ALTER COLUMN email TYPE varchar(100);

-- case: shrinking varchar(n) checks every row
-- expect: rewrite-column-type
CREATE TABLE labels2 (id int, name varchar(50));
-- migration
ALTER TABLE labels2 ALTER COLUMN name TYPE varchar(10);

-- case: integer to bigint rewrites
-- expect: rewrite-column-type
ALTER TABLE enrollments ALTER COLUMN id TYPE bigint;

-- case: SET UNLOGGED rewrites
-- expect: rewrite-set-logged
ALTER TABLE audit_log SET UNLOGGED;

-- case: a USING expression rewrites the table even when the types are binary-coercible
-- expect: rewrite-column-type
ALTER TABLE users ALTER COLUMN email TYPE text USING lower(email);

-- case: a USING expression on an unknown column rewrites whatever its old type
-- expect: rewrite-column-type
ALTER TABLE users ALTER COLUMN note TYPE text USING trim(note);

-- case: USING the column itself, cast to the new type, changes nothing but the type
-- expect: clean
CREATE TABLE labels3 (id int, name varchar(50));
-- migration
ALTER TABLE labels3 ALTER COLUMN name TYPE text USING name::text;

-- case: USING the column itself does not make a rewriting type change safe
-- expect: rewrite-column-type
ALTER TABLE enrollments ALTER COLUMN id TYPE bigint USING id::bigint;

-- case: timestamp to timestamptz with the session TimeZone unknown (no --dsn, no SET)
-- expect: rewrite-column-type
CREATE TABLE t_ts (id bigint, at timestamp);
-- migration
ALTER TABLE t_ts ALTER COLUMN at TYPE timestamptz;

-- case: timestamp to timestamptz under SET timezone = 'UTC' (PostgreSQL 12+: no rewrite)
-- expect: clean
CREATE TABLE t_ts (id bigint, at timestamp);
-- migration
SET TIME ZONE 'UTC';
ALTER TABLE t_ts ALTER COLUMN at TYPE timestamptz;

-- case: timestamp to timestamptz under a zone with DST rewrites
-- expect: rewrite-column-type
CREATE TABLE t_ts (id bigint, at timestamp);
-- migration
SET timezone = 'Europe/London';
ALTER TABLE t_ts ALTER COLUMN at TYPE timestamptz;

-- case: date to timestamptz rewrites even under UTC
-- expect: rewrite-column-type
CREATE TABLE t_ts (id bigint, d date);
-- migration
SET timezone = 'UTC';
ALTER TABLE t_ts ALTER COLUMN d TYPE timestamptz;

-- case: SET LOCAL timezone lasts until COMMIT; the ALTER after it runs under the session's zone
-- expect: rewrite-column-type
CREATE TABLE t_ts (id bigint, at timestamp, at2 timestamp);
-- migration
BEGIN;
SET LOCAL timezone = 'UTC';
ALTER TABLE t_ts ALTER COLUMN at TYPE timestamptz;
COMMIT;
ALTER TABLE t_ts ALTER COLUMN at2 TYPE timestamptz;

-- case: SET LOCAL timezone = 'UTC' covers the ALTER in its transaction
-- expect: clean
CREATE TABLE t_ts (id bigint, at timestamp);
-- migration
BEGIN;
SET LOCAL timezone = 'UTC';
ALTER TABLE t_ts ALTER COLUMN at TYPE timestamptz;
COMMIT;

-- case: ALTER COLUMN … TYPE on a column a view reads fails, whatever the types (one statement: nothing is rewritten)
-- expect: column-type-used-by-view
CREATE VIEW order_days AS SELECT o.id, o.created_at::date AS day FROM orders o;
-- migration
ALTER TABLE orders ALTER COLUMN created_at TYPE timestamptz, ALTER COLUMN note TYPE varchar(10);

-- case: a column no view reads, and the view dropped first: judged as type changes (an unknown timestamp change is a rewrite)
-- expect: rewrite-column-type
CREATE VIEW order_days AS SELECT id, created_at::date AS day FROM orders;
-- migration
ALTER TABLE orders ALTER COLUMN note TYPE text;
DROP VIEW order_days;
ALTER TABLE orders ALTER COLUMN created_at TYPE timestamp;
