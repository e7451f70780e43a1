"""The write cost calibrated at advise time (``writecost``): a probe on TEMPORARY tables in
the advisor's own session, against a real server; skipped where it could not write."""

from __future__ import annotations

import re
from typing import Any

import psycopg
import pytest
from psycopg.rows import dict_row

from pgwarden.analyzers.advisor import advise, writecost
from pgwarden.analyzers.advisor.model import Query
from pgwarden.analyzers.advisor.settings import AdviseSettings
from pgwarden.analyzers.advisor.workload import Statement
from tests.analyzers.conftest import Workload

INSERT = "INSERT INTO orders (id, customer_id, status, total, created_at) VALUES ($1, $2, $3, $4, $5)"


def _user_objects(conn: psycopg.Connection[Any]) -> list[tuple[str, str]]:
    return [(r["nspname"], r["relname"]) for r in conn.execute(
        "SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
        " WHERE c.relname LIKE 'pgwarden_probe%' OR n.nspname LIKE 'pg_temp%'")]


def test_the_probe_measures_a_positive_sane_cost_that_grows_with_the_indexes(db_dsn: str) -> None:
    with psycopg.connect(db_dsn, autocommit=True, row_factory=dict_row) as conn:
        conn.execute("SET synchronous_commit = on")
        two = writecost.probe(conn, extra_indexes=2)
        eight = writecost.probe(conn, extra_indexes=8)
        # nothing left behind, not even in the session's temporary schema; settings restored
        assert _user_objects(conn) == []
        assert conn.info.transaction_status == psycopg.pq.TransactionStatus.IDLE
        settings = conn.execute("SELECT current_setting('statement_timeout') AS t, "
                                "current_setting('synchronous_commit') AS s").fetchone()
    assert settings == {"t": "0", "s": "on"}
    for p in (two, eight):
        # single-row statements parsed, planned and committed: microseconds to a millisecond
        assert 0.0005 < p.plain_ms < 5.0 and 0.0005 < p.plain_update_ms < 5.0, p
        assert 0.0 < p.entry_ms < 1.0 and 0.0 < p.ratio < 3.0, p  # a share of the row's insert
        assert 0.0 <= p.call_ms < 1.0 and 0.0 <= p.hot_path_ms < 1.0, p
        assert p.indexed_moved_ms > p.plain_moved_ms, p  # losing HOT costs (entries at least)
    # eight more indexes add more to a row's insert than two do (the per-index figure is the
    # interquartile mean of row-by-row paired differences)
    assert eight.entry_ms * eight.extra > two.entry_ms * two.extra, (two, eight)


def _insert_query(rows: int, total_ms: float) -> Query:
    from pgwarden.analyzers.advisor.parse import analyze

    q = Query(0, Statement(INSERT, calls=rows, total_ms=total_ms, rows=rows), INSERT)
    q.parsed = analyze(INSERT, {})
    return q


def test_a_read_only_session_keeps_the_setting(db_dsn: str) -> None:
    with psycopg.connect(db_dsn, autocommit=True, row_factory=dict_row) as conn:
        conn.execute("SET default_transaction_read_only = on")
        got = writecost.calibrate(conn, [_insert_query(10, 1.0)], AdviseSettings())
        assert _user_objects(conn) == []
    assert (got.entry_ms, got.call_ms) == (0.006, 0.0)
    assert got.probe is None
    assert got.note.startswith("write cost not calibrated on a read-only session")
    off = writecost.calibrate(conn, [_insert_query(10, 1.0)],
                              AdviseSettings(calibrate_writes=False))
    assert off.entry_ms == 0.006 and "calibrate_writes = false" in off.note


def test_advise_uses_the_calibrated_figure_and_says_so(shop_dsn: str,
                                                       run_workload: Workload) -> None:
    run_workload([("SELECT id, total FROM orders WHERE customer_id = %s", (42,))], 10)
    with psycopg.connect(shop_dsn, autocommit=True) as conn:
        with conn.pipeline():
            for i in range(500):
                conn.execute("INSERT INTO orders (id, customer_id, status, total, created_at) "
                             "VALUES (%s, %s, 'new', 9.99, now())", (200_000 + i, 1 + i % 20000))
    calibrated = advise(shop_dsn, settings=AdviseSettings(write_probe_factor=7.0))
    (note,) = [n for n in calibrated.notes if n.startswith("write cost calibrated")]
    m = re.search(r"an index adds ([0-9.]+) us \(", note)
    assert m is not None and "x7 for large real ones" in note, note
    (kept,) = [d for d in calibrated.kept if d.candidate.table == "orders"]
    # 500 INSERTs, one entry each, at the probe's figure times the factor
    assert kept.write_ms == pytest.approx(500 * float(m.group(1)) * 7.0 / 1000, rel=0.06, abs=0.2)
    assert 0 < kept.write_ms < 500 * 1.0  # under 1 ms an entry
    fixed = advise(shop_dsn, settings=AdviseSettings(calibrate_writes=False))
    (same,) = [d for d in fixed.kept if d.candidate.table == "orders"]
    assert same.write_ms == pytest.approx(500 * 0.006, rel=0.05)
    assert any(n.startswith("write cost not calibrated (calibrate_writes = false)")
               for n in fixed.notes)
    # the probe's own statements never enter the workload
    again = advise(shop_dsn)
    assert not any("pgwarden_probe" in s.query for s in again.skipped)
    assert not any("pgwarden_probe" in q.query for q in again.queries)
