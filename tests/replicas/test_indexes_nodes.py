"""`pgwarden indexes` across nodes (issue 13, section 4): an index used only by queries on the
standby is never reported unused; with the standby stopped it is "unknown"."""

from __future__ import annotations

import json
import time
from typing import Any

import psycopg

from pgwarden.analyzers.indexes import report
from pgwarden.local import standbys
from tests.replicas.conftest import Pair

SCHEMA = """
CREATE TABLE t (id int PRIMARY KEY, a int NOT NULL, b int NOT NULL);
INSERT INTO t SELECT g, g % 97, g % 89 FROM generate_series(1, 20000) g;
CREATE INDEX t_a_idx ON t (a);   -- read by nobody
CREATE INDEX t_b_idx ON t (b);   -- read only by the report that runs on the standby
ANALYZE t;
"""


def _standby_reads_t_b(pair: Pair) -> None:
    with psycopg.connect(pair.standby, autocommit=True) as sb:
        sb.execute("SET enable_seqscan = off")
        sb.execute("SET enable_bitmapscan = off")
        for v in range(5):
            sb.execute("SELECT count(*) FROM t WHERE b = %s", (v,)).fetchone()
    deadline = time.monotonic() + 20  # the standby flushes its counters when the session ends
    with psycopg.connect(pair.standby, autocommit=True) as sb:
        while True:
            row = sb.execute("SELECT idx_scan FROM pg_stat_user_indexes "
                             "WHERE indexrelname = 't_b_idx'").fetchone()
            if row and row[0] >= 5:
                return
            assert time.monotonic() < deadline, "the standby never counted the scans"
            time.sleep(0.2)
            sb.execute("SELECT pg_stat_clear_snapshot()")


def _kinds(r: Any) -> dict[str, str]:
    return {f.index.split(".")[1]: f.kind for f in r.findings}


def test_an_index_only_the_standby_uses_is_not_unused(pair: Pair, cli: Any) -> None:
    with psycopg.connect(pair.primary, autocommit=True) as conn:
        conn.execute(SCHEMA)
    pair.wait_replayed()
    _standby_reads_t_b(pair)
    # the primary alone: the blind spot every peer has
    alone = report(pair.primary)
    assert _kinds(alone) == {"t_a_idx": "unused", "t_b_idx": "unused"}
    both = report(pair.primary, replicas=[pair.standby])
    assert _kinds(both) == {"t_a_idx": "unused"}
    assert [u.index for u in both.used_only_on_replicas] == ["public.t_b_idx"]
    assert list(both.used_only_on_replicas[0].scans.values())[0] >= 5
    assert [n.node for n in both.nodes][0] == "primary" and len(both.nodes) == 2
    by = {f.index: f for f in both.findings}
    assert "on the primary and 1 replica(s)" in by["public.t_a_idx"].why
    # the CLI: --replica, text and JSON, exit 1 for the one real finding
    code, out, _ = cli("--dsn", pair.primary, "indexes", "--replica", pair.standby,
                       "--min-stats-age", "0")
    assert code == 1
    assert "used only on replicas public.t_b_idx" in out and "keep it" in out
    assert "fix: DROP INDEX CONCURRENTLY IF EXISTS \"public\".\"t_a_idx\";" in out
    assert "t_b_idx\";" not in out
    code, out, _ = cli("--dsn", pair.primary, "indexes", "--replica", pair.standby,
                       "--min-stats-age", "0", "--format", "sql")
    assert out.strip() == 'DROP INDEX CONCURRENTLY IF EXISTS "public"."t_a_idx";'
    code, out, _ = cli("--dsn", pair.primary, "indexes", "--replica", pair.standby,
                       "--min-stats-age", "0", "--json")
    doc = json.loads(out)
    assert doc["used_only_on_replicas"][0]["index"] == "public.t_b_idx"
    assert [n["error"] for n in doc["nodes"]] == [None, None]


def test_with_the_standby_stopped_unused_is_unknown(pair: Pair, cli: Any) -> None:
    with psycopg.connect(pair.primary, autocommit=True) as conn:
        conn.execute(SCHEMA)
    pair.wait_replayed()
    cluster = pair.cluster
    st = cluster.load_state()
    assert st is not None
    standbys.stop_one(cluster, st, 1)
    try:
        r = report(pair.primary, replicas=[pair.standby])
        kinds = _kinds(r)
        assert kinds == {"t_a_idx": "unknown", "t_b_idx": "unknown"}
        for f in r.findings:
            assert "unknown — replica 127.0.0.1:" in f.why and "unreachable" in f.why
            assert f.fix == ""
        code, out, _ = cli("--dsn", pair.primary, "indexes", "--replica", pair.standby,
                           "--min-stats-age", "0", "--format", "sql")
        assert code == 0 and out.strip() == ""
    finally:
        standbys.ensure(cluster, cluster.load_state(), 1)  # type: ignore[arg-type]
