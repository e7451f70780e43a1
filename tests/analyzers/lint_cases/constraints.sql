-- Constraints: NOT VALID, validation, unique indexes, NOT NULL.
-- case: foreign key validated under lock
-- expect: foreign-key-not-valid-missing
ALTER TABLE enrollments ADD CONSTRAINT enrollments_user_fk FOREIGN KEY (user_id) REFERENCES users (id);

-- case: foreign key NOT VALID, validated in a later transaction
-- expect: clean
ALTER TABLE enrollments ADD CONSTRAINT enrollments_user_fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;
ALTER TABLE enrollments VALIDATE CONSTRAINT enrollments_user_fk;

-- case: validated in the same transaction
-- expect: validate-in-same-transaction
BEGIN;
ALTER TABLE enrollments ADD CONSTRAINT enrollments_user_fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;
ALTER TABLE enrollments VALIDATE CONSTRAINT enrollments_user_fk;
COMMIT;

-- case: REFERENCES on a new all-NULL column (squawk flags this)
-- expect: clean
ALTER TABLE enrollments ADD COLUMN referrer_id bigint REFERENCES users (id);

-- case: REFERENCES on a new column added earlier in the migration
-- expect: clean
ALTER TABLE enrollments ADD COLUMN coach_id bigint;
ALTER TABLE enrollments ADD CONSTRAINT enrollments_coach_fk FOREIGN KEY (coach_id) REFERENCES users (id);

-- case: REFERENCES on a new column with a default has rows to check
-- expect: foreign-key-not-valid-missing
ALTER TABLE enrollments ADD COLUMN coach_id bigint DEFAULT 1 REFERENCES users (id);

-- case: check constraint
-- expect: check-not-valid-missing
ALTER TABLE enrollments ADD CONSTRAINT enrollments_score_ck CHECK (score BETWEEN 0 AND 100);

-- case: check constraint NOT VALID
-- expect: clean
ALTER TABLE enrollments ADD CONSTRAINT enrollments_score_ck CHECK (score BETWEEN 0 AND 100) NOT VALID;

-- case: unique constraint builds its index under ACCESS EXCLUSIVE
-- expect: unique-constraint-builds-index
ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email);

-- case: unique constraint USING INDEX
-- expect: clean
DROP INDEX CONCURRENTLY IF EXISTS users_email_key;
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS users_email_key ON users (email);
ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_key;

-- case: primary key on an existing table
-- expect: unique-constraint-builds-index
ALTER TABLE audit_log ADD PRIMARY KEY (id);

-- case: exclusion constraint
-- expect: exclusion-constraint
ALTER TABLE bookings ADD CONSTRAINT no_overlap EXCLUDE USING gist (room WITH =, during WITH &&);

-- case: SET NOT NULL scans the table
-- expect: set-not-null-scan
ALTER TABLE users ALTER COLUMN email SET NOT NULL;

-- case: SET NOT NULL via a validated CHECK (squawk flags this)
-- expect: clean
ALTER TABLE users ADD CONSTRAINT users_email_nn CHECK (email IS NOT NULL) NOT VALID;
ALTER TABLE users VALIDATE CONSTRAINT users_email_nn;
ALTER TABLE users ALTER COLUMN email SET NOT NULL;
ALTER TABLE users DROP CONSTRAINT users_email_nn;

-- case: constraints on a table created in the same migration
-- expect: clean
CREATE TABLE tags (id bigint, name text, owner_id bigint);
ALTER TABLE tags ADD PRIMARY KEY (id);
ALTER TABLE tags ADD CONSTRAINT tags_owner_fk FOREIGN KEY (owner_id) REFERENCES users (id);
ALTER TABLE tags ADD CONSTRAINT tags_name_ck CHECK (name <> '');
ALTER TABLE tags ALTER COLUMN name SET NOT NULL;

-- case: SET NOT NULL proven by a CHECK the table was created with, in an earlier migration
-- expect: clean
CREATE TABLE people (id bigint, email text, CONSTRAINT people_email_nn CHECK (email IS NOT NULL));
-- migration
ALTER TABLE people ALTER COLUMN email SET NOT NULL;

-- case: SET NOT NULL proven by one term of a validated CHECK (a AND b), validated in a later migration
-- expect: clean
ALTER TABLE users ADD CONSTRAINT users_ck CHECK (email IS NOT NULL AND id > 0) NOT VALID;
-- migration
ALTER TABLE users VALIDATE CONSTRAINT users_ck;
-- migration
ALTER TABLE users ALTER COLUMN email SET NOT NULL;

-- case: SET NOT NULL on a column created NOT NULL in an earlier migration changes nothing
-- expect: clean
CREATE TABLE people2 (id bigint, email text NOT NULL);
-- migration
ALTER TABLE people2 ALTER COLUMN email SET NOT NULL;

-- case: the proving CHECK was dropped before SET NOT NULL
-- expect: set-not-null-scan
ALTER TABLE users ADD CONSTRAINT users_email_nn CHECK (email IS NOT NULL) NOT VALID;
-- migration
ALTER TABLE users VALIDATE CONSTRAINT users_email_nn;
ALTER TABLE users DROP CONSTRAINT users_email_nn;
ALTER TABLE users ALTER COLUMN email SET NOT NULL;

-- case: a CHECK (col IS NOT NULL OR …) proves nothing
-- expect: set-not-null-scan
ALTER TABLE users ADD CONSTRAINT users_ck2 CHECK (email IS NOT NULL OR id < 0) NOT VALID;
-- migration
ALTER TABLE users VALIDATE CONSTRAINT users_ck2;
-- migration
ALTER TABLE users ALTER COLUMN email SET NOT NULL;
