"""The lock each rule claims is the lock the server takes.

Session A runs the rule's unsafe statement inside an open transaction; session B reads
pg_locks for the relation (its oid taken before the statement, so a DROP is still visible).
Statements that cannot run in a transaction block (VACUUM FULL) are run while a third session
holds ACCESS SHARE, and the lock A waits for is read instead.
"""

from __future__ import annotations

import threading
import time
from typing import Any

import psycopg
import pytest

from pgwarden.analyzers.lint import all_rules, lint_sql

SETUP = """
CREATE TABLE users (id bigint PRIMARY KEY, email varchar(200), note text);
CREATE TABLE enrollments (id integer PRIMARY KEY, user_id bigint, score int);
CREATE INDEX enrollments_user_idx ON enrollments (user_id);
CREATE TABLE bookings (id int, during tsrange);
CREATE MATERIALIZED VIEW course_stats AS SELECT user_id, count(*) AS n FROM enrollments GROUP BY user_id;
CREATE TABLE events (id int, at date) PARTITION BY RANGE (at);
CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
"""

# rule id, the unsafe statement(s), the relation whose lock the rule is about
CASES: list[tuple[str, str, str]] = [
    ("index-not-concurrent", "CREATE INDEX enrollments_score_idx ON enrollments (score)", "enrollments"),
    ("drop-index-not-concurrent", "DROP INDEX enrollments_user_idx", "enrollments"),
    ("reindex-not-concurrent", "REINDEX INDEX enrollments_user_idx", "enrollments"),
    ("foreign-key-not-valid-missing",
     "ALTER TABLE enrollments ADD CONSTRAINT e_fk FOREIGN KEY (user_id) REFERENCES users (id)",
     "enrollments"),
    ("check-not-valid-missing", "ALTER TABLE enrollments ADD CONSTRAINT s_ck CHECK (score > 0)",
     "enrollments"),
    ("validate-in-same-transaction",
     "ALTER TABLE enrollments ADD CONSTRAINT s_ck CHECK (score > 0) NOT VALID;"
     "ALTER TABLE enrollments VALIDATE CONSTRAINT s_ck", "enrollments"),
    ("unique-constraint-builds-index", "ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email)",
     "users"),
    ("exclusion-constraint",
     "ALTER TABLE bookings ADD CONSTRAINT no_overlap EXCLUDE USING gist (during WITH &&)", "bookings"),
    ("set-not-null-scan", "ALTER TABLE users ALTER COLUMN email SET NOT NULL", "users"),
    ("add-column-not-null-without-default", "ALTER TABLE users ADD COLUMN locale text NOT NULL", "users"),
    ("rewrite-volatile-default", "ALTER TABLE users ADD COLUMN token float DEFAULT random()", "users"),
    ("rewrite-generated-column",
     "ALTER TABLE users ADD COLUMN e text GENERATED ALWAYS AS (lower(email)) STORED", "users"),
    ("rewrite-serial-column", "ALTER TABLE users ADD COLUMN seq bigserial", "users"),
    ("rewrite-column-type", "ALTER TABLE enrollments ALTER COLUMN score TYPE bigint", "enrollments"),
    ("rewrite-set-logged", "ALTER TABLE users SET UNLOGGED", "users"),
    ("cluster", "CLUSTER enrollments USING enrollments_user_idx", "enrollments"),
    ("refresh-matview-not-concurrent", "REFRESH MATERIALIZED VIEW course_stats", "course_stats"),
    ("matview-recreated-in-transaction",
     "DROP MATERIALIZED VIEW course_stats; CREATE MATERIALIZED VIEW course_stats AS "
     "SELECT user_id, count(*) AS n FROM enrollments GROUP BY user_id", "course_stats"),
    ("detach-partition-not-concurrent", "ALTER TABLE events DETACH PARTITION events_2024", "events"),
    ("rename-table", "ALTER TABLE users RENAME TO accounts", "users"),
    ("rename-column", "ALTER TABLE users RENAME COLUMN email TO mail", "users"),
    ("set-schema", "CREATE SCHEMA archive; ALTER TABLE users SET SCHEMA archive", "users"),
    ("drop-table", "DROP TABLE bookings", "bookings"),
    ("drop-column", "ALTER TABLE users DROP COLUMN note", "users"),
    ("backfill-whole-table", "UPDATE users SET note = 'x'", "users"),
    ("lock-held-across-work",
     "LOCK TABLE users IN ACCESS EXCLUSIVE MODE; UPDATE users SET note = 'x' WHERE id < 10", "users"),
    ("backfill-in-ddl-transaction",
     "ALTER TABLE users ADD COLUMN locale text; UPDATE users SET locale = 'pl' WHERE id < 10", "users"),
]
OUTSIDE_TX = [("vacuum-full", "VACUUM FULL users", "users")]


def _modes(conn: psycopg.Connection[Any], pid: int, oid: int, granted: bool = True) -> set[str]:
    rows = conn.execute("SELECT mode FROM pg_locks WHERE pid = %s AND relation = %s AND granted = %s",
                        (pid, oid, granted)).fetchall()
    return {r[0] for r in rows}


def _oid(conn: psycopg.Connection[Any], rel: str) -> int:
    return int(conn.execute("SELECT %s::regclass::oid", (rel,)).fetchone()[0])  # type: ignore[index]


def test_every_lock_claim_is_verified() -> None:
    claimed = {r.id for r in all_rules().values() if r.lock}
    assert claimed == {c[0] for c in CASES + OUTSIDE_TX}


@pytest.mark.parametrize(("rule_id", "statement", "relation"), CASES, ids=[c[0] for c in CASES])
def test_claimed_lock_is_taken(db_dsn: str, conn: psycopg.Connection[Any], rule_id: str,
                               statement: str, relation: str) -> None:
    # the linter flags the statement with this rule …
    found = {f.rule for f in lint_sql("BEGIN;\n" + statement + ";\nCOMMIT;").findings}
    assert rule_id in found, found
    conn.execute(SETUP)
    oid = _oid(conn, relation)
    # … and the server takes the lock the rule names
    with psycopg.connect(db_dsn) as a:
        pid = a.info.backend_pid
        for part in statement.split(";"):
            a.execute(part)  # type: ignore[call-overload]
        held = _modes(conn, pid, oid)
        a.rollback()
    assert all_rules()[rule_id].lock in held, f"{rule_id}: server holds {held} on {relation}"


@pytest.mark.parametrize(("rule_id", "statement", "relation"), OUTSIDE_TX, ids=[c[0] for c in OUTSIDE_TX])
def test_claimed_lock_is_requested(db_dsn: str, conn: psycopg.Connection[Any], rule_id: str,
                                   statement: str, relation: str) -> None:
    assert rule_id in {f.rule for f in lint_sql(statement + ";").findings}
    conn.execute(SETUP)
    oid = _oid(conn, relation)
    with psycopg.connect(db_dsn) as blocker, psycopg.connect(db_dsn, autocommit=True) as a:
        blocker.execute(f"SELECT count(*) FROM {relation}")  # noqa: S608 - test relation name
        pid = a.info.backend_pid
        worker = threading.Thread(target=a.execute, args=(statement,))
        worker.start()
        waiting: set[str] = set()
        for _ in range(100):
            waiting = _modes(conn, pid, oid, granted=False)
            if waiting:
                break
            time.sleep(0.05)
        blocker.rollback()
        worker.join(10)
    assert all_rules()[rule_id].lock in waiting, f"{rule_id}: server waits for {waiting}"
