"""Round 9 of the linter's precision (issue 15, held-out-11's one miss), against a real server
(15 or 18): ``col % n = k`` is 1/n of the rows (the planner's default for an expression's
equality, 0.5%, called a half of the table a few rows), and ``col IN (SELECT col FROM <the same
table> WHERE w)`` — an ORM's delete through a subquery of its own table — touches the rows
``w`` keeps, as ``WHERE w`` would (it was taken to be a batch)."""

from __future__ import annotations

from typing import Any

import psycopg

from pgwarden.analyzers.lint.catalog import read
from tests.analyzers.lint_helpers import rows_touched as _deleted
from tests.analyzers.lint_helpers import rules_and_tiers as _rules


def _audit(conn: psycopg.Connection[Any]) -> None:
    conn.execute("CREATE TABLE audit_t (id bigint PRIMARY KEY, table_name text NOT NULL, "
                 "row_id bigint NOT NULL, note text)")
    conn.execute("INSERT INTO audit_t SELECT g, CASE WHEN g % 4 = 0 THEN 'customers' ELSE "
                 "'orders' END, g * 7, 'n' FROM generate_series(1, 200000) g")
    conn.execute("ANALYZE audit_t")


def test_a_modulo_residue_is_one_nth_of_the_rows(db_dsn: str, conn: psycopg.Connection[Any]) -> None:
    """``DELETE … WHERE row_id % 2 = 0`` deletes half of 200,000 rows (the server's count): a
    hazard. The old linter took 0.5% (1,000 rows): no finding. A residue of 1,000 stays a batch."""
    _audit(conn)
    cat = read(db_dsn)
    half = "DELETE FROM audit_t WHERE row_id % 2 = 0;\n"
    thin = "DELETE FROM audit_t WHERE row_id % 1000 = 3 AND table_name = 'customers';\n"
    assert _deleted(db_dsn, half) == 100000
    assert _rules(half, catalog=cat) == [("backfill-whole-table", "hazard")]
    assert _deleted(db_dsn, thin) < 200
    assert _rules(thin, catalog=cat) == []


def test_an_in_subquery_of_the_same_table_is_its_where(db_dsn: str,
                                                       conn: psycopg.Connection[Any]) -> None:
    """``DELETE … WHERE id IN (SELECT id FROM audit_t WHERE table_name = 'orders' AND row_id %
    2 = 0)`` deletes 50,000 rows, what its WHERE would delete alone: a hazard (before: taken to
    be a batch, no finding; held-out-11's 1863). With a LIMIT it is a batch; a subquery of
    another table stays unsized."""
    _audit(conn)
    conn.execute("CREATE TABLE purge_t (id bigint PRIMARY KEY)")
    cat = read(db_dsn)
    same = ("DELETE FROM audit_t WHERE id IN (SELECT id FROM audit_t "
            "WHERE table_name = 'orders' AND row_id % 2 = 0);\n")
    batch = ("DELETE FROM audit_t WHERE id IN (SELECT id FROM audit_t "
             "WHERE table_name = 'orders' AND row_id % 2 = 0 LIMIT 1000);\n")
    other = "DELETE FROM audit_t WHERE id IN (SELECT id FROM purge_t);\n"
    assert _deleted(db_dsn, same) == 50000
    assert _rules(same, catalog=cat) == [("backfill-whole-table", "hazard")]
    assert _deleted(db_dsn, batch) == 1000
    assert _rules(batch, catalog=cat) == []
    assert _rules(other, catalog=cat) == []


def test_create_index_concurrently_on_a_partitioned_table_fails_and_is_flagged(
        db_dsn: str, conn: psycopg.Connection[Any]) -> None:
    """The server refuses CREATE INDEX CONCURRENTLY on a partitioned table, with or without
    ONLY (held-out-11's 1888 failed so); the new rule says so, from the catalog or from the
    table's CREATE earlier in the files. On a partition, or without CONCURRENTLY on ONLY the
    parent (the recipe's first step), nothing."""
    conn.execute("CREATE TABLE ev_p (id bigint, ts date NOT NULL) PARTITION BY RANGE (ts)")
    conn.execute("CREATE TABLE ev_p1 PARTITION OF ev_p FOR VALUES FROM ('2020-01-01') TO ('2030-01-01')")
    conn.commit()
    for text in ("CREATE INDEX CONCURRENTLY ev_p_ts ON ev_p (ts)",
                 "CREATE INDEX CONCURRENTLY ev_p_ts ON ONLY ev_p (ts)"):
        with psycopg.connect(db_dsn, autocommit=True) as c:
            try:
                c.execute(text)
                raise AssertionError(f"the server ran {text}")
            except psycopg.errors.FeatureNotSupported:
                pass
    cat = read(db_dsn)
    parent = "CREATE INDEX CONCURRENTLY IF NOT EXISTS ev_p_ts ON ev_p (ts);\n"
    assert _rules(parent, catalog=cat) == [("concurrently-on-partitioned", "breaking")]
    assert _rules("CREATE INDEX CONCURRENTLY IF NOT EXISTS ev_p_ts ON ONLY ev_p (ts);\n",
                  catalog=cat) == \
        [("concurrently-on-partitioned", "breaking")]
    on_partition = _rules("CREATE INDEX CONCURRENTLY IF NOT EXISTS ev_p1_ts ON ev_p1 (ts);\n",
                          catalog=cat)
    assert ("concurrently-on-partitioned", "breaking") not in on_partition
    assert _rules("CREATE INDEX ev_p_ts ON ONLY ev_p (ts);\n", catalog=cat) == []
    made = ("CREATE TABLE logs_p (id bigint, ts date) PARTITION BY RANGE (ts);\n"
            "CREATE INDEX CONCURRENTLY logs_p_ts ON logs_p (ts);\n")
    assert ("concurrently-on-partitioned", "breaking") in _rules(made)
