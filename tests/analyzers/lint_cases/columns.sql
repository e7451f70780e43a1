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
