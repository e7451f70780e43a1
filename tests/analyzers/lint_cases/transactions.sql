-- Timeouts, lock upgrades, backfills, renames and drops.
-- case: lock_timeout disabled
-- expect: timeout-disabled
SET lock_timeout = 0;

-- case: statement_timeout disabled
-- expect: timeout-disabled
SET statement_timeout TO '0';

-- case: bounded timeouts
-- expect: clean
SET lock_timeout = '2s';
SET statement_timeout = '5min';

-- case: DML then DDL in one transaction
-- expect: lock-upgrade
BEGIN;
INSERT INTO users (email) VALUES ('a@example.org');
ALTER TABLE users ADD COLUMN note text;
COMMIT;

-- case: the same two statements in autocommit
-- expect: clean
INSERT INTO users (email) VALUES ('a@example.org');
ALTER TABLE users ADD COLUMN note text;

-- case: whole-table UPDATE
-- expect: backfill-whole-table
UPDATE users SET locale = 'pl';

-- case: batched UPDATE
-- expect: clean
UPDATE users SET locale = 'pl' WHERE id BETWEEN 1 AND 5000 AND locale IS NULL;

-- case: whole-table DELETE locks every row against writers until it commits
-- expect: backfill-whole-table
DELETE FROM user_sessions;

-- case: DELETE of a range, and TRUNCATE (instant: a new empty file, no row locks)
-- expect: clean
DELETE FROM user_sessions WHERE expires_at < now() - interval '30 days';
TRUNCATE user_sessions;

-- case: backfill in the transaction that altered the table
-- expect: backfill-in-ddl-transaction
BEGIN;
ALTER TABLE users ADD COLUMN locale text;
UPDATE users SET locale = 'pl' WHERE id < 1000;
COMMIT;

-- case: backfill of a table created in the same migration
-- expect: clean
BEGIN;
CREATE TABLE user_locales (user_id bigint, locale text);
INSERT INTO user_locales SELECT id, 'pl' FROM users;
UPDATE user_locales SET locale = 'en';
COMMIT;

-- case: rename a table
-- expect: rename-table
ALTER TABLE users RENAME TO accounts;

-- case: swap a rebuilt table in within one transaction, then drop the old one
-- expect: clean
CREATE TABLE user_sessions_new (LIKE user_sessions INCLUDING ALL);
INSERT INTO user_sessions_new SELECT * FROM user_sessions WHERE expires_at > now();
BEGIN;
ALTER TABLE user_sessions RENAME TO user_sessions_old;
ALTER TABLE user_sessions_new RENAME TO user_sessions;
COMMIT;
DROP TABLE user_sessions_old;

-- case: the same swap without a transaction leaves a moment with no table of that name
-- expect: rename-table, rename-table
ALTER TABLE user_sessions RENAME TO user_sessions_old;
ALTER TABLE user_sessions_new RENAME TO user_sessions;

-- case: renamed away in one migration, dropped in the next (running code may use the new name)
-- expect: drop-table, rename-table
ALTER TABLE user_sessions RENAME TO user_sessions_old;
-- migration
DROP TABLE user_sessions_old;

-- case: rename a column
-- expect: rename-column
ALTER TABLE users RENAME COLUMN email TO mail;

-- case: drop a table
-- expect: drop-table
DROP TABLE legacy_users;

-- case: drop a column
-- expect: drop-column
ALTER TABLE users DROP COLUMN legacy_flag;

-- case: drop what this migration created
-- expect: clean
CREATE TABLE scratch (id int, x int);
ALTER TABLE scratch DROP COLUMN x;
DROP TABLE scratch;

-- case: suppressed with a reason
-- expect: clean
-- pgwarden: ignore drop-table because the table has been unused since release 2.0
DROP TABLE legacy_users;

-- case: suppression without a reason is itself a finding and suppresses nothing
-- expect: suppression-without-reason, drop-table
-- pgwarden: ignore drop-table
DROP TABLE legacy_users;

-- case: suppression naming an unknown rule
-- expect: suppression-unknown-rule, drop-table
DROP TABLE legacy_users; -- pgwarden: ignore no-such-rule because typo

-- case: a partition detached (CONCURRENTLY) then dropped: queries through the parent never see it
-- expect: clean
ALTER TABLE events DETACH PARTITION events_2024 CONCURRENTLY;
DROP TABLE events_2024;

-- case: a table dropped that was detached from nothing in this migration still breaks its users
-- expect: drop-table
ALTER TABLE events DETACH PARTITION events_2024 CONCURRENTLY;
DROP TABLE events_2023;
