"""Session checks provoked on a real server: idle transactions, lock waits, connections."""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path
from typing import Any

from pgwarden.config import Duration
from pgwarden.health import Status, run
from pgwarden.health.settings import HealthSettings
from tests.health.conftest import Sessions, write_config


def test_idle_in_transaction_warns_then_goes_critical(db_dsn: str, sessions: Sessions,
                                                      cli: Any, tmp_path: Path) -> None:
    idle = sessions.open("idler")
    idle.execute("SELECT 1")  # psycopg opened a transaction: now idle in transaction
    time.sleep(0.6)
    warn = HealthSettings(idle_in_transaction_warning=Duration("500ms"))
    report = run(db_dsn, warn, ["idle_in_transaction"])
    result = report.results[0]
    assert result.status is Status.WARNING
    assert result.details[0]["pid"] == sessions.pid(idle)
    assert result.details[0]["application"] == "idler"
    assert f"pg_terminate_backend({sessions.pid(idle)})" in (result.fix or "")

    cfg = write_config(tmp_path, "[health]\nidle_in_transaction_warning = '100ms'\n"
                                 "idle_in_transaction_critical = '500ms'\n")
    code, out, _ = cli("--dsn", db_dsn, "--config", cfg, "health", "--check",
                       "idle_in_transaction", "--format", "nagios")
    assert code == 2
    assert out.startswith("PGWARDEN HEALTH CRITICAL - idle_in_transaction CRITICAL:")
    assert len(out.strip().splitlines()) == 1
    assert "'idle_in_transaction'=" in out.split("|", 1)[1]

    idle.rollback()
    code, out, _ = cli("--dsn", db_dsn, "--config", cfg, "health", "--check",
                       "idle_in_transaction", "--format", "nagios")
    assert code == 0, out
    assert out.startswith("PGWARDEN HEALTH OK")


def test_blocked_session_names_its_blocker(db_dsn: str, sessions: Sessions, cli: Any,
                                           conn: Any, tmp_path: Path) -> None:
    conn.execute("CREATE TABLE t (id int PRIMARY KEY, v int); INSERT INTO t VALUES (1, 0)")
    holder = sessions.open("holder")
    holder.execute("UPDATE t SET v = 1 WHERE id = 1")
    waiter = sessions.open("waiter")
    sessions.wait_in_background(waiter, "UPDATE t SET v = 2 WHERE id = 1")
    time.sleep(0.3)
    cfg = write_config(tmp_path, "[health]\nblocked_warning = '200ms'\nblocked_critical = '1h'\n")
    code, out, _ = cli("--dsn", db_dsn, "--config", cfg, "health", "--check", "blocked", "--json")
    assert code == 1
    doc = json.loads(out)
    assert doc["status"] == "WARNING" and doc["exit_code"] == 1
    check = doc["checks"][0]
    assert check["details"][0]["pid"] == sessions.pid(waiter)
    assert check["details"][0]["blocked_by"] == [sessions.pid(holder)]
    assert f"blocked by pid {sessions.pid(holder)}" in check["summary"]


def test_connections_thresholds(db_dsn: str) -> None:
    ok = run(db_dsn, HealthSettings(), ["connections"]).results[0]
    assert ok.status is Status.OK
    tight = run(db_dsn, HealthSettings(connections_warning=0.001, connections_critical=0.002),
                ["connections"]).results[0]
    assert tight.status is Status.CRITICAL
    assert tight.perfdata[0].label == "connections"


def test_long_running_statement(db_dsn: str, sessions: Sessions, conn: Any) -> None:
    slow = sessions.open("reporter")
    t = threading.Thread(target=_quietly, args=(slow, "SELECT pg_sleep(30)"), daemon=True)
    t.start()
    sessions.threads.append(t)
    deadline = time.monotonic() + 10
    while not conn.execute("SELECT 1 FROM pg_stat_activity WHERE pid = %s AND state = 'active'",
                           (sessions.pid(slow),)).fetchone():
        assert time.monotonic() < deadline
        time.sleep(0.02)
    time.sleep(0.4)
    quiet = run(db_dsn, HealthSettings(), ["long_running"]).results[0]
    assert quiet.status is Status.OK  # 0.4 s is far from the 5 min default
    result = run(db_dsn, HealthSettings(long_query_warning=Duration("100ms"),
                                        long_query_critical=Duration("300ms")),
                 ["long_running"]).results[0]
    assert result.status is Status.CRITICAL
    assert result.details[0]["pid"] == sessions.pid(slow)
    assert "pg_sleep" in result.details[0]["query"]
    assert f"pg_cancel_backend({sessions.pid(slow)})" in (result.fix or "")


def _quietly(c: Any, statement: str) -> None:
    try:
        c.execute(statement)
    except Exception:  # noqa: BLE001 - terminated at teardown
        pass
