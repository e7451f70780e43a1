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

-- case: move a table to another schema (unqualified names no longer resolve)
-- expect: set-schema
CREATE SCHEMA IF NOT EXISTS archive;
ALTER TABLE audit_events SET SCHEMA archive;

-- case: move a view to another schema
-- expect: set-schema
ALTER VIEW active_users SET SCHEMA reporting;

-- case: move what this migration created, or a function (not a relation queries name)
-- expect: clean
CREATE TABLE scratch_moves (id int);
ALTER TABLE scratch_moves SET SCHEMA archive;
ALTER FUNCTION touch_updated_at() SET SCHEMA util;

-- case: move the old table away and create its successor in one transaction (a swap)
-- expect: clean
BEGIN;
ALTER TABLE audit_events SET SCHEMA archive;
CREATE TABLE audit_events (id bigint, at timestamptz);
COMMIT;

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

-- case: LOCK TABLE … ACCESS EXCLUSIVE held across an UPDATE blocks every read and write
-- expect: lock-held-across-work
BEGIN;
LOCK TABLE users IN ACCESS EXCLUSIVE MODE;
UPDATE users SET locale = lower(locale) WHERE locale <> lower(locale);
COMMIT;

-- case: LOCK TABLE … SHARE held across a copy blocks writers while the copy reads
-- expect: lock-held-across-work
CREATE TABLE users_copy (LIKE users);
BEGIN;
LOCK TABLE users IN SHARE MODE;
INSERT INTO users_copy SELECT * FROM users;
COMMIT;

-- case: LOCK TABLE NOWAIT before an instant ALTER: nothing works under the lock
-- expect: clean
BEGIN;
LOCK TABLE ONLY users IN ACCESS EXCLUSIVE MODE NOWAIT;
ALTER TABLE users ADD COLUMN note text;
COMMIT;

-- case: SHARE UPDATE EXCLUSIVE and weaker block neither reads nor writes; INSERT … VALUES is a few rows
-- expect: clean
BEGIN;
LOCK TABLE users IN SHARE UPDATE EXCLUSIVE MODE;
UPDATE users SET locale = 'pl' WHERE id = 7;
COMMIT;
BEGIN;
LOCK TABLE users IN EXCLUSIVE MODE;
INSERT INTO users (email) VALUES ('a@example.org');
COMMIT;

-- case: the lock ends at COMMIT: work after it is not under the lock
-- expect: clean
BEGIN;
LOCK TABLE users IN ACCESS EXCLUSIVE MODE;
COMMIT;
INSERT INTO users_archive SELECT * FROM users WHERE id = 1;

-- case: UPDATE … FROM an aggregate of a whole table touches every row that has a match
-- expect: backfill-whole-table
UPDATE orders o SET total = s.sum_total
FROM (SELECT order_id, sum(price) AS sum_total FROM order_lines GROUP BY order_id) s
WHERE s.order_id = o.id;

-- case: UPDATE … FROM a join restricted on the other side, DELETE … USING orphans: a few rows
-- expect: clean
UPDATE orders o SET region = c.region FROM customers c WHERE c.id = o.customer_id AND c.id = 42;
DELETE FROM order_lines l USING (SELECT l2.id FROM order_lines l2 LEFT JOIN products p
    ON p.id = l2.product_id WHERE p.id IS NULL) orphan WHERE l.id = orphan.id;

-- case: a WHERE that keeps most rows by the planner's defaults: IS NOT NULL, <>
-- expect: backfill-whole-table
UPDATE orders SET cents = round(total * 100) WHERE total IS NOT NULL;

-- case: a column this migration added without a default is NULL in every row
-- expect: backfill-whole-table
ALTER TABLE order_lines ADD COLUMN qty_new bigint;
UPDATE order_lines SET qty_new = qty WHERE qty_new IS NULL;

-- case: equality, IS NULL, a one-sided range, an age-based purge: a batch by the planner's defaults
-- expect: clean
UPDATE orders SET currency = 'EUR' WHERE currency IS NULL;
UPDATE orders SET coupon = NULL WHERE coupon = '';
DELETE FROM sessions WHERE expires_at < now() - interval '7 days';

-- case: a boolean flag without statistics: half the rows by the planner's default, a batch
-- expect: clean
UPDATE users SET locale = 'pl' WHERE is_admin;

-- case: LOCK TABLE in autocommit fails on the server and holds nothing
-- expect: clean
LOCK TABLE users IN ACCESS EXCLUSIVE MODE;
UPDATE users SET locale = 'pl' WHERE id = 7;

-- case: DO block: a loop of small batches, a COMMIT after each
-- expect: clean
DO $$
DECLARE
    lo bigint := 1;
BEGIN
    WHILE lo <= 1000000 LOOP
        UPDATE users SET locale = 'pl' WHERE id >= lo AND id < lo + 1000;
        lo := lo + 1000;
        COMMIT;
    END LOOP;
END
$$;

-- case: DO block: batches of 50,000 rows, a COMMIT after each
-- expect: backfill-batch-too-large
DO $$
DECLARE
    lo bigint := 1;
BEGIN
    WHILE lo <= 1000000 LOOP
        UPDATE users SET locale = 'pl' WHERE id BETWEEN lo AND lo + 49999;
        lo := lo + 50000;
        COMMIT;
    END LOOP;
END
$$;

-- case: DO block: small batches but no COMMIT in the loop (one transaction)
-- expect: backfill-whole-table
DO $$
DECLARE
    lo bigint := 1;
BEGIN
    WHILE lo <= 1000000 LOOP
        UPDATE users SET locale = 'pl' WHERE id >= lo AND id < lo + 1000;
        lo := lo + 1000;
    END LOOP;
END
$$;

-- case: procedure with a batch-size parameter, CALLed with a small batch
-- expect: clean
CREATE PROCEDURE purge_sessions(batch int DEFAULT 100000)
LANGUAGE plpgsql AS $$
DECLARE
    last_id bigint := 0;
BEGIN
    LOOP
        DELETE FROM user_sessions WHERE id > last_id AND id <= last_id + batch;
        EXIT WHEN NOT FOUND;
        last_id := last_id + batch;
        COMMIT;
    END LOOP;
END
$$;
CALL purge_sessions(1000);

-- case: the same procedure CALLed with its default batch
-- expect: backfill-batch-too-large
CREATE PROCEDURE purge_sessions(batch int DEFAULT 100000)
LANGUAGE plpgsql AS $$
DECLARE
    last_id bigint := 0;
BEGIN
    LOOP
        DELETE FROM user_sessions WHERE id > last_id AND id <= last_id + batch;
        EXIT WHEN NOT FOUND;
        last_id := last_id + batch;
        COMMIT;
    END LOOP;
END
$$;
CALL purge_sessions();

-- case: a procedure that COMMITs, CALLed inside BEGIN … COMMIT
-- expect: transaction-control-in-transaction
CREATE PROCEDURE purge_sessions(batch int DEFAULT 1000)
LANGUAGE plpgsql AS $$
DECLARE
    last_id bigint := 0;
BEGIN
    LOOP
        DELETE FROM user_sessions WHERE id > last_id AND id <= last_id + batch;
        EXIT WHEN NOT FOUND;
        last_id := last_id + batch;
        COMMIT;
    END LOOP;
END
$$;
BEGIN;
CALL purge_sessions();
COMMIT;
