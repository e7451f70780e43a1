"""Batched backfills in PL/pgSQL (DO blocks, CALLed procedures) and joins whose restriction
is on the joined table, against a real server: the batch's rows the linter estimates are the
rows one batch of the server updates, a loop without COMMIT holds every batch's row locks to
its end while one with COMMIT releases them, a COMMIT inside a transaction block fails, and a
DELETE … USING's estimate follows the joined table's statistics as EXPLAIN does."""

from __future__ import annotations

import re
import threading
import time
from typing import Any

import psycopg
import pytest
from pglast import parse_sql

from pgwarden.analyzers.lint import lint_sql
from pgwarden.analyzers.lint.catalog import read
from pgwarden.analyzers.lint.model import State
from pgwarden.analyzers.lint.sizes import touched_fraction
from tests.analyzers.lint_helpers import rules_and_tiers as _rules

SCHEMA = """
CREATE TABLE accounts (id bigint PRIMARY KEY, region text, note text);
INSERT INTO accounts SELECT g, (ARRAY['eu','us','apac','latam'])[1 + g % 4], NULL
FROM generate_series(1, 100000) g;
CREATE TABLE lines (account_id bigint NOT NULL, line_no int NOT NULL, amount numeric(10,2),
                    PRIMARY KEY (account_id, line_no));
INSERT INTO lines SELECT 1 + g / 4, g % 4, g % 300 + 0.25 FROM generate_series(0, 399999) g;
CREATE TABLE journal (id bigserial PRIMARY KEY, account_id bigint, kind text);
INSERT INTO journal (account_id, kind) SELECT g, 'touch' FROM generate_series(1, 50000) g;
"""

# a procedure that walks lines by account_id, COMMITting after each batch of `width` accounts
PROC = """
CREATE PROCEDURE fill_cents(width int DEFAULT {width})
LANGUAGE plpgsql AS $$
DECLARE
    last_id bigint := 0;
    max_id  bigint;
BEGIN
    SELECT max(account_id) INTO max_id FROM lines;
    WHILE last_id < max_id LOOP
        UPDATE lines SET cents = round(amount * 100)::bigint
         WHERE account_id > last_id AND account_id <= last_id + width AND cents IS NULL;
        last_id := last_id + width;
        COMMIT;
    END LOOP;
END
$$;
"""
DO_LOOP = """
DO $$
DECLARE
    lo bigint := 1;
    hi bigint;
BEGIN
    WHILE lo <= 100000 LOOP
        hi := lo + {width};
        UPDATE accounts SET note = upper(region) WHERE id >= lo AND id < hi;
        lo := hi;{commit}
    END LOOP;
END
$$;
"""


LOOP_NO_COMMIT = ("DO $$ BEGIN FOR i IN 1..4 LOOP UPDATE accounts SET note = 'x' "
                  "WHERE id > (i - 1) * 1000 AND id <= i * 1000; PERFORM pg_sleep(0.4); "
                  "END LOOP; END $$")
LOOP_COMMIT = LOOP_NO_COMMIT.replace("PERFORM", "COMMIT; PERFORM")


def _setup(conn: psycopg.Connection[Any]) -> None:
    conn.execute(SCHEMA)
    for table in ("accounts", "lines", "journal"):
        conn.execute(f"VACUUM ANALYZE {table}")  # type: ignore[arg-type]



def test_batch_size_judged_without_the_catalog() -> None:
    """Without --dsn a key range of n values is taken as n rows (a unique key): 20,000 a
    batch is over the 100 ms budget, 1,000 is not; the CALL's argument wins over the DEFAULT."""
    add = "ALTER TABLE lines ADD COLUMN cents bigint;\n"
    big = add + PROC.format(width=20000) + "CALL fill_cents();\n"
    assert _rules(big) == [("backfill-batch-too-large", "hazard")]
    message = lint_sql(big).findings[0].message
    assert "batches of ~20,000 rows (20,000 values of account_id" in message
    assert _rules(add + PROC.format(width=1000) + "CALL fill_cents();\n") == []
    assert _rules(add + PROC.format(width=20000) + "CALL fill_cents(500);\n") == []
    assert _rules(add + PROC.format(width=1000) + "CALL fill_cents(width => 50000);\n") == \
        [("backfill-batch-too-large", "hazard")]
    # DO blocks the same; a LIMIT sizes a batch too
    assert _rules(DO_LOOP.format(width=30000, commit="\n        COMMIT;")) == \
        [("backfill-batch-too-large", "hazard")]
    assert _rules(DO_LOOP.format(width=2000, commit="\n        COMMIT;")) == []
    limit = ("DO $$ BEGIN LOOP UPDATE accounts SET note = 'x' WHERE id IN (SELECT id FROM "
             "accounts WHERE note IS NULL LIMIT {n}); EXIT WHEN NOT FOUND; COMMIT; END LOOP; "
             "END $$;")
    assert _rules(limit.format(n=50000)) == [("backfill-batch-too-large", "hazard")]
    assert _rules(limit.format(n=1000)) == []
    # a procedure the run never created, or a batch the linter cannot size: no finding
    assert _rules("CALL somebody_elses();\n") == []


def test_loop_without_commit_is_one_transaction() -> None:
    """No COMMIT in the loop: every batch's row locks are held until the block ends — the
    whole table, however small each batch; a FOR loop with constant bounds counts its passes."""
    assert _rules(DO_LOOP.format(width=1000, commit="")) == [("backfill-whole-table", "hazard")]
    few = ("DO $$ BEGIN FOR i IN 1..3 LOOP UPDATE accounts SET note = 'x' "
           "WHERE id > (i - 1) * 500 AND id <= i * 500; END LOOP; END $$;")
    assert _rules(few) == []  # 3 passes of 500 rows: 1,500 rows in one transaction
    many = few.replace("1..3", "1..40")
    assert _rules(many) == [("backfill-whole-table", "hazard")]
    # an UPDATE outside a loop is judged as the statement itself
    assert _rules("DO $$ BEGIN UPDATE accounts SET note = 'x'; END $$;") == \
        [("backfill-whole-table", "hazard")]
    assert _rules("DO $$ BEGIN UPDATE accounts SET note = 'x' WHERE id = 7; END $$;") == []


def test_batches_against_the_server(db_dsn: str, conn: psycopg.Connection[Any]) -> None:
    """With --dsn the rows per key come from pg_stats (4 lines per account): the estimate is
    what one batch of the server updates. A small batch stays clean."""
    _setup(conn)
    cat = read(db_dsn)
    add = "ALTER TABLE lines ADD COLUMN cents bigint;\n"
    report = lint_sql(add + PROC.format(width=5000) + "CALL fill_cents();\n", catalog=cat)
    assert [(f.rule, f.tier) for f in report.findings] == [("backfill-batch-too-large", "hazard")]
    found = re.search(r"batches of ~([\d,]+) rows \(5,000 values of account_id",
                      report.findings[0].message)
    assert found, report.findings[0].message
    estimate = float(found.group(1).replace(",", ""))
    assert _rules(add + PROC.format(width=250) + "CALL fill_cents();\n", catalog=cat) == []
    # the claim: one batch of 5,000 accounts updates 20,000 rows, all locked until its COMMIT
    conn.execute(add)
    with psycopg.connect(db_dsn) as c:
        cur = c.execute("UPDATE lines SET cents = round(amount * 100)::bigint "
                        "WHERE account_id > 0 AND account_id <= 5000 AND cents IS NULL")
        assert cur.rowcount == 20000
        c.rollback()
    assert abs(estimate - cur.rowcount) <= 0.1 * cur.rowcount, estimate


def _do_in_thread(dsn: str, text: str) -> tuple[threading.Thread, list[BaseException]]:
    errors: list[BaseException] = []

    def run() -> None:
        try:
            with psycopg.connect(dsn, autocommit=True) as c:
                c.execute(text)  # type: ignore[arg-type]
        except BaseException as exc:  # noqa: BLE001 - handed to the test
            errors.append(exc)

    th = threading.Thread(target=run, daemon=True)
    th.start()
    return th, errors


@pytest.mark.parametrize("commit", [True, False])
def test_commit_in_the_loop_releases_each_batch(db_dsn: str, conn: psycopg.Connection[Any],
                                                commit: bool) -> None:
    """What the server does: while a DO loop works on its later batches, a writer of a row of
    its first batch goes through when the loop COMMITs after each batch, and waits (until the
    block ends) when it does not."""
    _setup(conn)
    body = LOOP_COMMIT if commit else LOOP_NO_COMMIT
    th, errors = _do_in_thread(db_dsn, body)
    # the loop is past its first batch (and its COMMIT, if any): it sleeps after each one
    for _ in range(200):
        row = conn.execute("SELECT count(*) FROM pg_stat_activity WHERE query = %s "
                           "AND wait_event = 'PgSleep'", (body,)).fetchone()
        if row and row[0]:
            break
        time.sleep(0.05)
    else:
        pytest.fail("the DO block never reached its first pg_sleep")
    with psycopg.connect(db_dsn) as c:
        c.execute("SET lock_timeout = '100ms'")
        if commit:
            c.execute("UPDATE accounts SET note = 'probe' WHERE id = 1")
        else:
            with pytest.raises(psycopg.errors.LockNotAvailable):
                c.execute("UPDATE accounts SET note = 'probe' WHERE id = 1")
        c.rollback()
    th.join(30)
    assert not errors
    verdict = _rules(body + ";")
    assert verdict == ([] if commit else [("backfill-whole-table", "hazard")])


def test_commit_inside_a_transaction_block_fails(db_dsn: str, conn: psycopg.Connection[Any]) -> None:
    _setup(conn)
    conn.execute("ALTER TABLE lines ADD COLUMN cents bigint")
    conn.execute(PROC.format(width=1000))
    text = "BEGIN;\nCALL fill_cents();\nCOMMIT;\n"
    assert _rules(PROC.format(width=1000) + text) == \
        [("transaction-control-in-transaction", "breaking")]
    assert _rules(PROC.format(width=1000) + "CALL fill_cents();\n") == []
    with psycopg.connect(db_dsn) as c:  # psycopg opens a transaction block: as BEGIN does
        with pytest.raises(psycopg.errors.InvalidTransactionTermination):
            c.execute("CALL fill_cents()")


def test_join_restriction_from_the_joined_tables_statistics(db_dsn: str,
                                                            conn: psycopg.Connection[Any]) -> None:
    """DELETE … USING restricted on the joined table: the restriction's selectivity comes from
    that table's pg_stats (a quarter of the accounts are 'eu'), not the 0.5 % default for an
    equality — the estimate, EXPLAIN and the rows the server deletes agree."""
    _setup(conn)
    cat = read(db_dsn)
    state = State()
    cat.seed(state)
    purge = ("DELETE FROM lines l USING accounts a WHERE l.account_id = a.id "
             "AND a.region = 'eu'")
    frac = touched_fraction(state, "lines", parse_sql(purge)[0].stmt)
    rows = cat.stats.sizes["lines"].rows
    assert frac is not None and rows is not None
    plan = conn.execute("EXPLAIN (FORMAT JSON) " + purge).fetchone()  # type: ignore[operator]
    assert plan is not None
    theirs = float(plan[0][0]["Plan"]["Plans"][0]["Plan Rows"])
    with psycopg.connect(db_dsn) as c:
        deleted = c.execute(purge).rowcount  # type: ignore[arg-type]
        c.rollback()
    assert deleted == 100000
    assert abs(frac * rows - deleted) <= 0.1 * deleted, (frac * rows, theirs, deleted)
    assert abs(frac * rows - theirs) <= 0.25 * theirs, (frac * rows, theirs)
    assert _rules(purge + ";", catalog=cat) == [("backfill-whole-table", "hazard")]
    # one account's lines: a batch, clean; without the catalog the equality's default keeps it
    # a batch too (the size is unknown)
    assert _rules(purge.replace("a.region = 'eu'", "a.id = 7") + ";", catalog=cat) == []
    assert _rules(purge + ";") == []
    # the join formula: journal's 50,000 rows each match one account; 'eu' keeps a quarter
    audit = ("DELETE FROM journal j USING accounts a WHERE j.account_id = a.id "
             "AND a.region = 'eu'")
    frac = touched_fraction(state, "journal", parse_sql(audit)[0].stmt)
    with psycopg.connect(db_dsn) as c:
        deleted = c.execute(audit).rowcount  # type: ignore[arg-type]
        c.rollback()
    assert frac is not None
    assert abs(frac * 50000 - deleted) <= 0.1 * deleted, (frac * 50000, deleted)
