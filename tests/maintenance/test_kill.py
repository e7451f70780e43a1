"""Killed at any point, the database stays consistent and the next run finishes the work.

The CLI runs as a subprocess and is killed with SIGKILL (or SIGTERM) mid-cleanup and
mid-reindex; row counts must be exact and no row inside the retention window ever deleted.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import psycopg
import pytest

from tests.maintenance.conftest import CONFIG, objects, wait_for


def _spawn(dsn: str, cfg: str, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "pgwarden.cli", "--dsn", dsn, "--config", cfg,
                             "maintain", *args, "--json"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONWARNINGS": "ignore"})


def _counts(conn: psycopg.Connection[Any], cutoff: Any) -> tuple[int, int]:
    row = conn.execute("SELECT count(*) FILTER (WHERE created_at < %s), count(*) FILTER "
                       "(WHERE created_at >= %s) FROM app.events", (cutoff, cutoff)).fetchone()
    assert row is not None
    return int(row[0]), int(row[1])


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM, "backend"])
def test_killed_mid_cleanup_converges(app_db: psycopg.Connection[Any], db_dsn: str,
                                      cli: Callable[..., tuple[int, str, str]],
                                      config: Callable[..., str], sig: Any) -> None:
    """SIGKILL/SIGTERM of pgwarden, or its backend terminated (pg_terminate_backend: a kill -9
    of a backend would make the postmaster restart the whole shared test cluster)."""
    conn = app_db
    cutoff = conn.execute("SELECT now() - interval '365 days'").fetchone()[0]  # type: ignore[index]
    assert _counts(conn, cutoff) == (600, 400)
    cfg = config("", CONFIG.replace('batch_size = 100', 'batch_size = 20')
                 .replace('pause = "0s"', 'pause = "100ms"'))
    metrics = Path(cfg).parent / "maintain.prom"
    proc = _spawn(db_dsn, cfg, "cleanup", "--metrics-file", str(metrics))
    try:
        # wait until some batches are committed, then kill it mid-run
        wait_for(conn, "SELECT count(*) < 560 FROM app.events WHERE created_at < %s", (cutoff,))
        if sig == "backend":
            conn.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                         "WHERE application_name = 'pgwarden maintain'")
        else:
            proc.send_signal(sig)
        out, err = proc.communicate(timeout=20)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode != 0
    expired, kept = _counts(conn, cutoff)
    assert 0 < expired < 600 and kept == 400
    # every committed batch was counted in the same transaction (issue 16 item 8)
    wait_for(conn, "SELECT count(*) = 0 FROM pg_stat_activity "
                   "WHERE application_name = 'pgwarden maintain'")
    assert conn.execute("SELECT rows_affected FROM pgwarden.task_runs").fetchall() == [
        (600 - expired,)]
    if sig == signal.SIGTERM:
        # --metrics-file is written on every exit, with the interrupted task's exit code
        text = metrics.read_text()
        assert 'pgwarden_maintenance_last_exit_code{task="cleanup"} 130.0' in text, text
        assert f'pgwarden_maintenance_rows_deleted_last_run{{task="cleanup"}} {600 - expired}.0' \
            in text, text
        assert "terminated by SIGTERM" in err
        assert json.loads(out.splitlines()[-1])["exit_code"] == 130
    # its session ends with it; the run row is failed (by the SIGTERM handler, or reaped later)
    wait_for(conn, "SELECT count(*) = 0 FROM pg_stat_activity "
                   "WHERE application_name = 'pgwarden maintain'")
    code, out, err = cli("--dsn", db_dsn, "--config", config(), "maintain", "cleanup", "--json")
    assert code == 0, err
    assert {o["object"]: o["rows"] for o in objects(out)}["app.events"] == expired
    assert _counts(conn, cutoff) == (0, 400)
    runs = conn.execute("SELECT outcome FROM pgwarden.task_runs ORDER BY id").fetchall()
    assert runs == [("failed",), ("success",)]


def test_killed_mid_reindex_leftover_is_cleaned_next_run(
        conn: psycopg.Connection[Any], db_dsn: str, cli: Callable[..., tuple[int, str, str]],
        config: Callable[..., str]) -> None:
    conn.execute("CREATE TABLE accounts (id int, email text)")
    conn.execute("INSERT INTO accounts SELECT g, 'u' || g FROM generate_series(1, 1000) g")
    conn.execute("INSERT INTO accounts VALUES (1001, 'u1')")
    with pytest.raises(psycopg.errors.UniqueViolation):
        conn.execute("CREATE UNIQUE INDEX CONCURRENTLY accounts_email_key ON accounts (email)")
    conn.execute("DELETE FROM accounts WHERE id = 1001")
    cfg = config("", '[maintenance]\nlock_timeout = "60s"\n')
    # A writer's open transaction makes REINDEX CONCURRENTLY wait after creating _ccnew.
    with psycopg.connect(db_dsn) as writer:
        writer.execute("INSERT INTO accounts VALUES (2000, 'w')")
        proc = _spawn(db_dsn, cfg, "reindex")
        try:
            wait_for(conn, "SELECT count(*) FROM pg_class WHERE relname = 'accounts_email_key_ccnew'")
            time.sleep(0.2)
            proc.kill()  # SIGKILL: no cleanup code runs in pgwarden
            proc.communicate(timeout=20)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.communicate()
        # the backend notices its client is gone (client_connection_check_interval) and aborts
        wait_for(conn, "SELECT count(*) = 0 FROM pg_stat_activity "
                       "WHERE application_name = 'pgwarden maintain'")
        writer.rollback()
    assert conn.execute("SELECT x.indisvalid FROM pg_index x JOIN pg_class c ON c.oid = x.indexrelid "
                        "WHERE c.relname = 'accounts_email_key_ccnew'").fetchone() == (False,)
    code, out, err = cli("--dsn", db_dsn, "--config", cfg, "maintain", "reindex", "--json")
    assert code == 0, out + err
    res = {o["object"]: o for o in objects(out)}
    assert res["public.accounts_email_key_ccnew"]["action"] == "drop leftover index"
    assert res["public.accounts_email_key"]["outcome"] == "done"
    assert conn.execute("SELECT count(*) FROM pg_index x JOIN pg_class c ON c.oid = x.indexrelid "
                        "WHERE c.relname ~ '^accounts' AND NOT x.indisvalid").fetchone() == (0,)
    assert conn.execute("SELECT outcome FROM pgwarden.task_runs ORDER BY id").fetchall() == [
        ("failed",), ("success",)]
