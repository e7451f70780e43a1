"""The advisor benchmark's workloads (bench/_workloads.py) as specifications, on a real server.

Each workload's schema, seed (at a small scale), pools, reads, writes and hand-tuned index set
must run; the hand-tuned indexes must not change what a read returns; the writes touch only the
tables the benchmark vacuums. The advisor is never run here (the held-out workloads stay held out).
"""

from __future__ import annotations

import importlib.util
import random
import re
import sys
from datetime import timedelta
from pathlib import Path
from types import ModuleType
from typing import Any

import psycopg
import pytest
from pglast import ast, parse_sql
from psycopg import sql

SCALE = 0.1  # bookings 42,000 rows, eventlog 40,000 events: each seeds in a second or two
DRAWS = 4  # calls per read
ROUNDS = 3  # write rounds before and after the hand-tuned indexes


def _load() -> ModuleType:
    path = Path(__file__).resolve().parents[2] / "bench" / "_workloads.py"
    spec = importlib.util.spec_from_file_location("pgwarden_bench_workloads", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while building
    spec.loader.exec_module(module)
    return module


W = _load()
NAMES = sorted(W.WORKLOADS)


def _relation(text: str) -> str:
    """The table a CREATE TABLE/INDEX, INSERT, UPDATE or DELETE names (placeholders made $1)."""
    (raw,) = parse_sql(re.sub(r"%\(\w+\)s", "$1", text))
    stmt = raw.stmt
    assert isinstance(stmt, ast.CreateStmt | ast.IndexStmt | ast.InsertStmt | ast.UpdateStmt
                      | ast.DeleteStmt), type(stmt).__name__
    assert stmt.relation is not None
    return str(stmt.relation.relname)


def _tables(schema: str) -> set[str]:
    names = set()
    for raw in parse_sql(schema):
        if isinstance(raw.stmt, ast.CreateStmt) and raw.stmt.relation is not None:
            names.add(str(raw.stmt.relation.relname))
    return names


def test_tuned_on_are_among_them_and_some_are_held_out() -> None:
    assert set(W.TUNED_ON) <= set(W.WORKLOADS)
    assert "orders" in W.TUNED_ON and {"helpdesk", "saas"} <= set(W.WORKLOADS) - set(W.TUNED_ON)


@pytest.mark.parametrize("name", NAMES)
def test_spec_is_consistent(name: str) -> None:
    spec = W.WORKLOADS[name]
    assert spec.name == name
    tables = _tables(spec.schema)
    assert 2 <= len(tables) <= 6
    # no secondary index in the schema: the hand-tuned copy and the advisor start from the same
    assert not any(isinstance(raw.stmt, ast.IndexStmt) for raw in parse_sql(spec.schema))
    assert "%(scale)s" in spec.seed
    names = [q.name for q in spec.reads]
    assert len(names) == len(set(names)) and len(names) >= 8
    for text in spec.hand_tuned:
        assert isinstance(parse_sql(text)[0].stmt, ast.IndexStmt), text
        assert _relation(text) in tables, text
    assert len(set(spec.hand_tuned)) == len(spec.hand_tuned)
    assert set(spec.vacuum) <= tables
    for text in spec.writes:
        assert _relation(text) in spec.vacuum, f"{text[:60]}: its table is not in vacuum"
    for q in spec.reads:  # each read parses (placeholders made $1)
        parse_sql(re.sub(r"%\(\w+\)s", "$1", q.text))


def _build(dsn: str, spec: Any, info: dict[str, Any], version: str) -> None:
    missing = [e for e in spec.extensions if e not in info["available"]]
    if missing:
        pytest.skip(f"workload {spec.name} needs extension(s) {', '.join(missing)}, "
                    f"not available on PostgreSQL {version}")
    with psycopg.connect(dsn, autocommit=True) as conn:
        for ext in spec.extensions:
            conn.execute(sql.SQL("CREATE EXTENSION IF NOT EXISTS {}").format(sql.Identifier(ext)))
        conn.execute(spec.schema)
        # the seed's only placeholder is the scale, substituted as text (seeds use '%' as mod)
        conn.execute(spec.seed.replace("%(scale)s", repr(SCALE)))
        conn.execute("ANALYZE")


def _write_rounds(conn: psycopg.Connection[Any], spec: Any, pools: dict[str, list[Any]],
                  rng: random.Random) -> list[int]:
    touched = [0] * len(spec.writes)
    for _ in range(ROUNDS):
        params = spec.write_draw(rng, pools)
        for k, text in enumerate(spec.writes):
            touched[k] += conn.execute(text, params).rowcount
    return touched


@pytest.mark.parametrize("name", NAMES)
def test_workload_runs_and_hand_tuned_keeps_answers(
        name: str, db_dsn: str, template_db: dict[str, Any], pg_cluster: Any) -> None:
    spec = W.WORKLOADS[name]
    _build(db_dsn, spec, template_db, pg_cluster.status().version)
    rng = random.Random(11)
    with psycopg.connect(db_dsn) as conn:
        pools = spec.load_pools(conn)
        assert all(pools[k] for k in pools if k in ("customer", "resource", "tenant", "device")), \
            {k: len(v) for k, v in pools.items()}
        calls = [(q, q.draw(rng, pools)) for q in spec.reads for _ in range(DRAWS)]
        # one transaction: now() stays put, so the two passes see the same rows and clock
        before = [len(conn.execute(q.text, p).fetchall()) for q, p in calls]
        for text in spec.hand_tuned:
            conn.execute(text)
        conn.execute("ANALYZE")
        after = [len(conn.execute(q.text, p).fetchall()) for q, p in calls]
        assert after == before, [(q.name, b, a) for (q, _), b, a in zip(calls, before, after,
                                                                           strict=True) if a != b]
        conn.commit()
        _write_rounds(conn, spec, pools, rng)
        conn.commit()


# -- booking: the shape its documentation promises --------------------------------------------

def test_booking_data_shape(db_dsn: str, template_db: dict[str, Any], pg_cluster: Any) -> None:
    spec = W.WORKLOADS["booking"]
    _build(db_dsn, spec, template_db, pg_cluster.status().version)
    with psycopg.connect(db_dsn) as conn:
        share: dict[str, float] = dict(conn.execute(
            "SELECT status, count(*)::float / sum(count(*)) OVER () FROM bookings GROUP BY 1"
        ).fetchall())
        # a long tail: completed most, then cancelled/confirmed, no-shows and holds rare
        assert share["completed"] > 0.75 and 0.01 < share["no_show"] < 0.05, share
        assert 0 < share["held"] < 0.002 and {"cancelled", "confirmed", "expired"} <= set(share)
        bad = conn.execute("SELECT count(*) FROM bookings WHERE lower(during) < created_at "
                           "OR isempty(during)").fetchone()
        assert bad == (0,)
        dup = conn.execute("SELECT count(*) - count(DISTINCT ref) FROM bookings").fetchone()
        assert dup == (0,)  # the hand-tuned unique index on ref must be creatable
        # skew: the busiest 1% of customers hold far more than 1% of the bookings
        top = conn.execute(
            "SELECT sum(n) FILTER (WHERE rk <= greatest(1, cnt / 100))::float / sum(n) FROM "
            "(SELECT count(*) AS n, row_number() OVER (ORDER BY count(*) DESC) AS rk, "
            "count(*) OVER () AS cnt FROM bookings GROUP BY customer_id) c").fetchone()
        assert top is not None and top[0] > 0.08, top
        # the job queues the writes take rows from are not empty at this scale
        pools = spec.load_pools(conn)
        for queue in ("upcoming", "due", "started", "waiter", "waiting_slot"):
            assert pools[queue], queue
        # every read finds rows for some of its drawn values (the draws hit the data)
        rng = random.Random(5)
        empty = [q.name for q in spec.reads
                 if not any(conn.execute(q.text, q.draw(rng, pools)).fetchall() for _ in range(10))]
        assert not empty
        # one write round does what it says: the hold is confirmed by its reference
        params = spec.write_draw(rng, pools)
        counts = [conn.execute(text, params).rowcount for text in spec.writes]
        assert counts[0] == 1 and counts[1] == 1 and counts[2] == 1 and counts[7] == 1, counts
        status = conn.execute("SELECT status, upper(during) - lower(during) FROM bookings "
                              "WHERE ref = %s", (params["ref"],)).fetchone()
        assert status == ("confirmed", timedelta(hours=params["hours"]))
        # the sweeper expires the holds older than 15 minutes and leaves the fresh one alone
        left = conn.execute("SELECT count(*) FROM bookings WHERE status = 'held' "
                            "AND created_at < now() - interval '15 minutes'").fetchone()
        assert counts[8] > 0 and left == (0,), (counts[8], left)
