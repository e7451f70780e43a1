"""Round 7 of the linter's precision (issue 15, held-out-8's false alarms and the calibration of
the line duration estimates must pass), against a real server (15 or 18): a VALIDATE of a
FOREIGN KEY in the transaction that added it reads the referenced table too; an estimate
between 100 and 150 ms (``sizes.HAZARD_ESTIMATE_S``) is advice with the catalog, because the
rates are the slowest measured and the server does the work faster; and SET NOT NULL on a
column pg_stats says holds NULLs fails at the first NULL (breaking), unless the run wrote the
table first."""

from __future__ import annotations

import time
from typing import Any

import psycopg
import pytest

from pgwarden.analyzers.lint import lint_sql
from pgwarden.analyzers.lint.catalog import read
from pgwarden.analyzers.lint.sizes import HAZARD_ESTIMATE_S, SMALL_WORK_S, work_estimate
from tests.analyzers.lint_helpers import rules_and_tiers as _rules

FK_IN_ONE_TX = """BEGIN;
ALTER TABLE child ADD CONSTRAINT child_parent_fk FOREIGN KEY (parent_id) REFERENCES parent (id)
    NOT VALID;
ALTER TABLE child VALIDATE CONSTRAINT child_parent_fk;
COMMIT;
"""


def test_validate_of_a_foreign_key_in_its_transaction_reads_the_referenced_table(
        db_dsn: str, conn: psycopg.Connection[Any]) -> None:
    """VALIDATE of a FOREIGN KEY looks every row up in the referenced table (the server's own
    per-transaction counters show the scan of ``parent``), while the ADD's lock is still held:
    its work is the referenced table's as well as the child's, as for an ADD FOREIGN KEY
    without NOT VALID. The old linter sized the child alone (50,000 rows, ~60 ms: advice) and
    let a 250,000-row parent go unseen; now it is a hazard with the catalog."""
    conn.execute("CREATE TABLE parent (id bigint PRIMARY KEY)")
    conn.execute("INSERT INTO parent SELECT g FROM generate_series(1, 250000) g")
    conn.execute("CREATE TABLE child (id bigint PRIMARY KEY, parent_id bigint NOT NULL)")
    conn.execute("INSERT INTO child SELECT g, 1 + g % 250000 FROM generate_series(1, 50000) g")
    conn.execute("ANALYZE parent")
    conn.execute("ANALYZE child")
    cat = read(db_dsn)
    assert _rules(FK_IN_ONE_TX, catalog=cat) == [("validate-in-same-transaction", "hazard")]
    with psycopg.connect(db_dsn) as c:
        c.execute("ALTER TABLE child ADD CONSTRAINT child_parent_fk FOREIGN KEY (parent_id) "
                  "REFERENCES parent (id) NOT VALID")

        def reads() -> int:
            row = c.execute("SELECT coalesce(seq_scan, 0) + coalesce(idx_scan, 0) FROM "
                            "pg_stat_xact_user_tables WHERE relname = 'parent'").fetchone()
            return int(row[0]) if row else 0

        before = reads()
        c.execute("ALTER TABLE child VALIDATE CONSTRAINT child_parent_fk")
        assert reads() > before
        c.rollback()


def test_an_estimate_under_the_calibrated_line_is_advice(db_dsn: str,
                                                         conn: psycopg.Connection[Any]) -> None:
    """SET NOT NULL on a 100,000-row table is estimated at ~114 ms at the slowest scan rate
    measured; the old linter called it a lock hazard (over 100 ms). The server scans it in less
    than that estimate (the best of three runs, each on the table with no NOT NULL), and with
    the catalog the estimate must pass 150 ms to be a hazard: advice now. 200,000 rows
    (~226 ms) stay a hazard; without the catalog (no sizes) every SET NOT NULL stays one."""
    conn.execute("CREATE TABLE small_t (id bigint PRIMARY KEY, v int)")
    conn.execute("INSERT INTO small_t SELECT g, g FROM generate_series(1, 100000) g")
    conn.execute("CREATE TABLE big_t (id bigint PRIMARY KEY, v int)")
    conn.execute("INSERT INTO big_t SELECT g, g FROM generate_series(1, 200000) g")
    conn.execute("ANALYZE small_t")
    conn.execute("ANALYZE big_t")
    cat = read(db_dsn)
    small = "ALTER TABLE small_t ALTER COLUMN v SET NOT NULL;\n"
    assert _rules(small, catalog=cat) == [("set-not-null-scan", "advice")]
    assert _rules("ALTER TABLE big_t ALTER COLUMN v SET NOT NULL;\n", catalog=cat) == [
        ("set-not-null-scan", "hazard")]
    assert _rules(small) == [("set-not-null-scan", "hazard")]
    result = lint_sql(small, catalog=cat)
    assert "~114 ms" in result.findings[0].message
    # the estimate lies in the band the margin moved: over the old line, under the new one
    from pgwarden.analyzers.lint.model import State

    st = State(stats=cat.stats)
    est = work_estimate(st, "small_t", "scan")
    assert est is not None and SMALL_WORK_S < est <= HAZARD_ESTIMATE_S
    best = float("inf")
    for _ in range(3):
        start = time.monotonic()
        conn.execute(small.rstrip(";\n"))
        best = min(best, time.monotonic() - start)
        conn.execute("ALTER TABLE small_t ALTER COLUMN v DROP NOT NULL")
    assert best < est


@pytest.mark.parametrize(("before", "tier"), [
    ("", "breaking"),
    ("UPDATE orders_n SET shipped = now() WHERE shipped IS NULL;\n", "hazard"),
    ("DO $$ BEGIN UPDATE orders_n SET shipped = now() WHERE shipped IS NULL; END $$;\n", "hazard"),
])
def test_set_not_null_on_a_column_holding_nulls_fails(db_dsn: str, conn: psycopg.Connection[Any],
                                                      before: str, tier: str) -> None:
    """pg_stats says half of ``shipped`` is NULL: SET NOT NULL stops its scan at the first NULL
    and fails ("contains null values", NotNullViolation) — it blocks nothing for long, and the
    migration fails: a breaking finding, no lock hazard (the old linter gave the hazard). When
    the migration writes the table first (a backfill, a DO block), the statistics no longer
    describe the rows, and the scan is the hazard it was."""
    conn.execute("CREATE TABLE orders_n (id bigint PRIMARY KEY, shipped timestamptz)")
    conn.execute("INSERT INTO orders_n SELECT g, CASE WHEN g % 2 = 0 THEN now() END "
                 "FROM generate_series(1, 300000) g")
    conn.execute("ANALYZE orders_n")
    cat = read(db_dsn)
    text = before + "ALTER TABLE orders_n ALTER COLUMN shipped SET NOT NULL;\n"
    assert [r for r in _rules(text, catalog=cat) if r[0] == "set-not-null-scan"] == [
        ("set-not-null-scan", tier)]
    if not before:
        with pytest.raises(psycopg.errors.NotNullViolation):
            conn.execute("ALTER TABLE orders_n ALTER COLUMN shipped SET NOT NULL")
