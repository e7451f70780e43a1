"""vacuum: chosen from real dead tuples; SKIP_LOCKED reports a locked table as skipped (exit 3),
and a table autovacuum is vacuuming at that moment as not-needed (exit 0)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import psycopg
import pytest

from pgwarden.local.cluster import LocalCluster
from pgwarden.maintenance.settings import VacuumSettings
from pgwarden.maintenance.vacuum import decide
from tests.maintenance.conftest import objects, wait_for

DEAD = """
CREATE TABLE busy (id int PRIMARY KEY, v text) WITH (autovacuum_enabled = false);
CREATE TABLE quiet (id int PRIMARY KEY, v text) WITH (autovacuum_enabled = false);
CREATE TABLE other (id int PRIMARY KEY, v text) WITH (autovacuum_enabled = false);
INSERT INTO busy SELECT g, 'x' FROM generate_series(1, 5000) g;
INSERT INTO quiet SELECT g, 'x' FROM generate_series(1, 5000) g;
INSERT INTO other SELECT g, 'x' FROM generate_series(1, 5000) g;
"""
DELETES = """
DELETE FROM busy WHERE id % 5 <> 0;
DELETE FROM other WHERE id % 2 = 0;
"""


def _dead_tables(conn: psycopg.Connection[Any]) -> None:
    conn.execute(DEAD)
    wait_for(conn, "SELECT n_mod_since_analyze >= 5000 FROM pg_stat_user_tables WHERE relname = 'quiet'")
    conn.execute("ANALYZE")
    conn.execute(DELETES)
    wait_for(conn, "SELECT n_dead_tup >= 4000 FROM pg_stat_user_tables WHERE relname = 'busy'")
    wait_for(conn, "SELECT n_dead_tup >= 2500 FROM pg_stat_user_tables WHERE relname = 'other'")


def _vacuum_while_busy_is_locked(dsn: str, cli: Callable[..., tuple[int, str, str]]
                                 ) -> tuple[int, str, str]:
    """``maintain vacuum --json`` while another session holds ACCESS EXCLUSIVE on ``busy``."""
    with psycopg.connect(dsn) as holder:
        holder.execute("LOCK TABLE busy IN ACCESS EXCLUSIVE MODE")
        result = cli("--dsn", dsn, "maintain", "vacuum", "--json")
        holder.rollback()
    return result


def test_decide_orders_wraparound_before_bloat() -> None:
    s = VacuumSettings()
    row = {"xid_age": 10, "mxid_age": 0, "n_dead_tup": 0, "n_live_tup": 100,
           "n_mod_since_analyze": 0, "reltuples": 100}
    assert decide(row, s) is None
    bloat = decide({**row, "n_dead_tup": 5000, "n_live_tup": 1000}, s)
    wrap = decide({**row, "xid_age": 200_000_000}, s)
    assert bloat and wrap and wrap[0] > bloat[0]
    assert "wraparound" in wrap[1][0] and "dead tuples" in bloat[1][0]
    mods = decide({**row, "n_mod_since_analyze": 5000, "reltuples": 10000}, s)
    assert mods and "modified since the last analyze" in mods[1][0]


def test_vacuums_tables_with_dead_tuples(conn: psycopg.Connection[Any], db_dsn: str,
                                        cli: Callable[..., tuple[int, str, str]]) -> None:
    _dead_tables(conn)
    code, out, err = cli("--dsn", db_dsn, "maintain", "vacuum", "--dry-run", "--json")
    assert code == 0, err
    plan = {o["object"]: o for o in objects(out)}
    assert set(plan) == {"public.busy", "public.other"}
    assert "dead tuples (80% of rows" in plan["public.busy"]["reason"]
    # the worse ratio first
    assert [o["object"] for o in objects(out)] == ["public.busy", "public.other"]
    code, out, err = cli("--dsn", db_dsn, "maintain", "vacuum", "--json", "--jobs", "2")
    assert code == 0, err
    assert {o["outcome"] for o in objects(out)} == {"done"}
    wait_for(conn, "SELECT n_dead_tup = 0 AND last_vacuum IS NOT NULL AND last_analyze IS NOT NULL"
                   " FROM pg_stat_user_tables WHERE relname = 'busy'")


def test_locked_table_is_skipped_and_reported(conn: psycopg.Connection[Any], db_dsn: str,
                                              cli: Callable[..., tuple[int, str, str]]) -> None:
    _dead_tables(conn)
    code, out, err = _vacuum_while_busy_is_locked(db_dsn, cli)
    assert code == 3, err
    res = {o["object"]: o for o in objects(out)}
    assert res["public.busy"]["outcome"] == "skipped"
    assert "lock not available" in res["public.busy"]["message"]
    assert res["public.other"]["outcome"] == "done"
    row = conn.execute("SELECT outcome, objects_done, objects_skipped FROM pgwarden.task_runs").fetchone()
    assert row == ("partial", 1, 1)


def test_second_concurrent_run_exits_75_naming_the_holder(
        conn: psycopg.Connection[Any], db_dsn: str, cli: Callable[..., tuple[int, str, str]]) -> None:
    from pgwarden.db import lock_key

    with psycopg.connect(db_dsn, autocommit=True, application_name="other-run") as holder:
        holder.execute("SELECT pg_advisory_lock(%s)", (lock_key("maintain:vacuum"),))
        pid = holder.info.backend_pid
        code, out, err = cli("--dsn", db_dsn, "maintain", "vacuum", "--json")
    assert code == 75
    assert f"pid {pid}" in err and "other-run" in err and "maintain:vacuum" in err
    # nothing was planned or done; --json still gets the error as JSON on stdout
    [line] = out.splitlines()
    assert json.loads(line)["exit_code"] == 75


def test_locked_table_is_skipped_on_a_server_that_speaks_german(
        german_dsn: str, cli: Callable[..., tuple[int, str, str]]) -> None:
    # SKIP_LOCKED's warning reads "überspringe Vacuum von »busy« --- Sperre nicht verfügbar"
    # there: the skip is recognised by its SQLSTATE (55P03), not by the English words
    with psycopg.connect(german_dsn, autocommit=True) as conn:
        _dead_tables(conn)
    code, out, err = _vacuum_while_busy_is_locked(german_dsn, cli)
    assert code == 3, err
    res = {o["object"]: o for o in objects(out)}
    assert res["public.busy"]["outcome"] == "skipped", res
    assert "Sperre nicht verfügbar" in res["public.busy"]["message"]
    assert res["public.other"]["outcome"] == "done"


def test_table_autovacuum_is_vacuuming_is_not_needed_not_skipped(
        request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
        cli: Callable[..., tuple[int, str, str]]) -> None:
    # Found in CI: the cleanup-then-vacuum run exited 3 because autovacuum had started on the
    # table the cleanup had just thinned, and SKIP_LOCKED skipped it. A cron job must not fail
    # because autovacuum got there first. A server of its own, whose autovacuum wakes every
    # second and crawls through this table (100 ms per page), so it is caught at work.
    cluster = LocalCluster(tmp_path_factory.mktemp("autovacuum") / ".pgwarden",
                           pg_bin=request.config.getoption("--pg-bin"),
                           extra_conf={"autovacuum_naptime": "1s"})
    try:
        cluster.start()  # inside: a start that fails half-way is destroyed too
        with psycopg.connect(cluster.dsn("postgres"), autocommit=True) as admin:
            admin.execute("CREATE DATABASE av")
        dsn = cluster.dsn("av")
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute("""
                CREATE TABLE crawled (id int, v text) WITH (autovacuum_enabled = false);
                INSERT INTO crawled SELECT g, repeat('x', 200) FROM generate_series(1, 20000) g;
                CREATE TABLE held (id int, v text) WITH (autovacuum_enabled = false);
                INSERT INTO held SELECT g, 'x' FROM generate_series(1, 5000) g;
                ANALYZE;
                DELETE FROM crawled WHERE id % 2 = 0;
                DELETE FROM held WHERE id % 2 = 0;
                ALTER TABLE crawled SET (autovacuum_enabled = true, autovacuum_vacuum_threshold = 0,
                    autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_cost_delay = 100,
                    autovacuum_vacuum_cost_limit = 1);
            """)
            pid = wait_for(conn, "SELECT pid FROM pg_stat_activity WHERE backend_type = "
                                 "'autovacuum worker' AND query LIKE '%crawled%'", timeout=30)
            with psycopg.connect(dsn) as holder:
                holder.execute("LOCK TABLE held IN SHARE UPDATE EXCLUSIVE MODE")
                code, out, err = cli("--dsn", dsn, "maintain", "vacuum", "--json")
                holder.rollback()
            res = {o["object"]: o for o in objects(out)}
            # autovacuum's table is being vacuumed: not a failure; a session's lock still is one
            assert res["public.crawled"]["outcome"] == "not-needed", res
            assert res["public.crawled"]["message"] == f"autovacuum (pid {pid}) is vacuuming it now"
            assert res["public.held"]["outcome"] == "skipped", res
            assert code == 3, err
            # the re-run, lock released and autovacuum still at work: all is well, exit 0
            code, out, err = cli("--dsn", dsn, "maintain", "vacuum", "--json")
            res = {o["object"]: o for o in objects(out)}
            assert (res["public.crawled"]["outcome"], res["public.held"]["outcome"]) == (
                "not-needed", "done"), res
            assert code == 0, err
            assert conn.execute("SELECT count(*) FROM pg_stat_activity WHERE pid = %s",
                                (pid,)).fetchone() == (1,)
    finally:
        cluster.destroy()
