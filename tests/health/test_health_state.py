"""Checks on pgwarden's maintenance records: stale materialized views and failed tasks."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pgwarden.config import Duration
from pgwarden.db import lock_key
from pgwarden.health import Status, run
from pgwarden.health.settings import HealthSettings
from tests.health.conftest import Sessions, write_config


def _views(conn: Any) -> None:
    # schema-qualified: the test superuser is named "pgwarden", so "$user" in search_path
    # would put unqualified objects into the pgwarden schema once it exists
    conn.execute("CREATE TABLE public.src (v int); INSERT INTO public.src VALUES (1)")
    conn.execute("CREATE MATERIALIZED VIEW public.fresh_mv AS SELECT count(*) FROM public.src")
    conn.execute("CREATE MATERIALIZED VIEW public.stale_mv AS SELECT max(v) FROM public.src")
    conn.execute("CREATE MATERIALIZED VIEW public.unknown_mv AS SELECT min(v) FROM public.src")


def test_mviews_without_pgwarden_records_are_unknown(db_dsn: str, conn: Any) -> None:
    assert run(db_dsn, None, ["mview_staleness"]).results[0].summary == "no materialized view"
    _views(conn)
    result = run(db_dsn, None, ["mview_staleness"]).results[0]
    assert result.status is Status.UNKNOWN
    assert "pgwarden has never refreshed them" in result.summary


def test_stale_view_warns_and_override_makes_it_critical(db_dsn: str, state_schema: Any,
                                                         cli: Any, tmp_path: Path) -> None:
    conn = state_schema
    _views(conn)
    conn.execute("INSERT INTO pgwarden.mview_refresh (view_schema, view_name, last_success_at, "
                 "last_duration_s, last_outcome) VALUES "
                 "('public', 'fresh_mv', now() - interval '10 minutes', 0.5, 'success'), "
                 "('public', 'stale_mv', now() - interval '2 days', 1.5, 'success')")
    result = run(db_dsn, None, ["mview_staleness"]).results[0]
    by_view = {d["view"]: d for d in result.details}
    assert by_view["public.fresh_mv"]["status"] == "OK"
    assert by_view["public.stale_mv"]["status"] == "WARNING"  # 2 days > 1 day, < 3 days
    assert by_view["public.unknown_mv"]["status"] == "UNKNOWN"
    assert "never refreshed by pgwarden" in by_view["public.unknown_mv"]["why"]
    assert result.status is Status.WARNING

    cfg = write_config(tmp_path, "[health]\nmview_max_age = '1d'\n"
                                 "[health.mview_max_age_overrides]\n'public.stale_mv' = '1h'\n")
    code, out, _ = cli("--dsn", db_dsn, "--config", cfg, "health", "--check", "mview_staleness",
                       "--json")
    assert code == 2
    doc = json.loads(out)
    stale = [d for d in doc["checks"][0]["details"] if d["view"] == "public.stale_mv"][0]
    assert stale["status"] == "CRITICAL" and stale["allowed_s"] == 3600


def test_failed_and_killed_task_runs(db_dsn: str, state_schema: Any, sessions: Sessions) -> None:
    conn = state_schema
    alive = sessions.open("maintainer")
    locker = sessions.open("locker")
    with locker.cursor() as cur:  # holds maintenance's session lock for task 'retention'
        cur.execute("SELECT pg_advisory_lock(%s)", (lock_key("maintain:retention"),))
    locker.commit()
    conn.execute(
        "INSERT INTO pgwarden.task_runs (task, started_at, finished_at, outcome) VALUES "
        "('refresh', now() - interval '2 hours', now() - interval '119 minutes', 'success'),"
        "('refresh', now() - interval '1 hour', now() - interval '59 minutes', 'failed'),"
        "('vacuum', now() - interval '30 hours', now() - interval '29 hours', 'success'),"
        "('cleanup', now() - interval '5 hours', now() - interval '5 hours', 'success'),"
        "('analyze', now() - interval '5 hours', now() - interval '5 hours', 'success'),"
        "('retention', now() - interval '5 hours', now() - interval '5 hours', 'success')")
    # how maintenance records a run: backend_pid + backend_start of the session running it
    conn.execute(
        "INSERT INTO pgwarden.task_runs (task, started_at, backend_pid, backend_start) "
        "SELECT 'cleanup', now(), pid, backend_start FROM pg_stat_activity WHERE pid = %s",
        (sessions.pid(alive),))
    conn.execute("INSERT INTO pgwarden.task_runs (task, started_at, backend_pid) "
                 "VALUES ('reindex', now() - interval '3 hours', 999999)")
    # the pid exists but belongs to a newer session: the run's own session is gone
    conn.execute("INSERT INTO pgwarden.task_runs (task, started_at, backend_pid, backend_start) "
                 "VALUES ('analyze', now(), %s, now() - interval '1 day')", (sessions.pid(alive),))
    conn.execute("INSERT INTO pgwarden.task_runs (task, started_at) VALUES ('retention', now())")
    result = run(db_dsn, HealthSettings(expected_tasks=["run"]), ["maintenance_tasks"]).results[0]
    by_task = {d["task"]: d for d in result.details}
    assert by_task["refresh"]["status"] == "CRITICAL" and "failed" in by_task["refresh"]["why"]
    assert by_task["vacuum"]["status"] == "WARNING"  # 29 h > 26 h
    for killed in ("reindex", "analyze"):
        assert by_task[killed]["status"] == "CRITICAL", killed
        assert "session is gone" in by_task[killed]["why"]
        assert by_task[killed]["last_outcome"] == "failed"
    assert by_task["cleanup"]["status"] == "OK"  # running, and its session is alive
    assert by_task["retention"]["status"] == "OK"  # running: its advisory lock is held
    assert by_task["run"]["status"] == "CRITICAL"  # expected, never ran
    assert result.status is Status.CRITICAL

    relaxed = HealthSettings(task_max_age_overrides={"vacuum": Duration("2d")})
    again = {d["task"]: d for d in run(db_dsn, relaxed, ["maintenance_tasks"]).results[0].details}
    assert again["vacuum"]["status"] == "OK"


def test_no_task_runs_table_is_ok_unless_tasks_are_expected(db_dsn: str) -> None:
    assert run(db_dsn, None, ["maintenance_tasks"]).results[0].status is Status.OK
    strict = run(db_dsn, HealthSettings(expected_tasks=["refresh"]), ["maintenance_tasks"])
    assert strict.results[0].status is Status.CRITICAL
