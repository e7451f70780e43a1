"""Health and metrics on a real standby (issue 13, section 8): replay lag seen from the primary
and from the standby, a paused replay, an inactive slot retaining WAL, pgwarden_node_role."""

from __future__ import annotations

import json
import time
from typing import Any

import psycopg

from tests.replicas.conftest import Pair


def _check(cli: Any, dsn: str, name: str) -> dict[str, Any]:
    code, out, err = cli("--dsn", dsn, "health", "--check", name, "--json")
    doc = json.loads(out)
    return next(c for c in doc["checks"] if c["name"] == name)


def test_lag_and_a_paused_replay(pair: Pair, cli: Any) -> None:
    ok = _check(cli, pair.primary, "replication_lag")
    assert ok["status"] == "OK" and "1 replication stream(s)" in ok["summary"]
    with psycopg.connect(pair.cluster.dsn("postgres", node=1), autocommit=True) as sb:
        sb.execute("SELECT pg_wal_replay_pause()")
        try:
            with psycopg.connect(pair.primary, autocommit=True) as p:
                p.execute("CREATE TABLE filler AS SELECT g, repeat('x', 500) AS pad "
                          "FROM generate_series(1, 20000) g")
            time.sleep(1.0)
            on_standby = _check(cli, pair.standby, "replication_lag")
            assert on_standby["status"] == "WARNING", on_standby
            assert "WAL replay is paused on this standby" in on_standby["summary"]
            assert "pg_wal_replay_resume()" in on_standby["fix"]
            on_primary = _check(cli, pair.primary, "replication_lag")
            assert "MB of WAL not replayed" in on_primary["summary"], on_primary
            code, out, _ = cli("--dsn", pair.standby, "metrics")
            assert 'pgwarden_node_role{role="standby"} 1.0' in out
            assert "pgwarden_standby_replay_paused 1.0" in out
        finally:
            sb.execute("SELECT pg_wal_replay_resume()")
    pair.wait_replayed()
    again = _check(cli, pair.standby, "replication_lag")
    assert again["status"] == "OK", again
    code, out, _ = cli("--dsn", pair.primary, "metrics")
    assert 'pgwarden_node_role{role="primary"} 1.0' in out
    assert 'pgwarden_node_role{role="standby"} 0.0' in out


def test_an_inactive_slot_retaining_wal(pair: Pair, cli: Any) -> None:
    with psycopg.connect(pair.primary, autocommit=True) as p:
        p.execute("SELECT pg_create_physical_replication_slot('forgotten_standby', true)")
        try:
            p.execute("CREATE TABLE filler2 AS SELECT g, repeat('y', 500) AS pad "
                      "FROM generate_series(1, 20000) g")
            p.execute("CHECKPOINT")
            slots = _check(cli, pair.primary, "replication_slots")
            assert slots["status"] in ("WARNING", "CRITICAL"), slots
            assert "forgotten_standby (inactive" in slots["summary"]
            assert "pg_drop_replication_slot('forgotten_standby')" in slots["fix"]
        finally:
            p.execute("SELECT pg_drop_replication_slot('forgotten_standby')")
