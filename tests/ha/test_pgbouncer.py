"""Through a real PgBouncer 1.18: writers refuse transaction pooling with one line naming the fix
and use ``[topology] direct_url`` when it is set; the read-only commands work (no server-side
prepared statements, even under concurrency)."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import psycopg
import pytest

from pgwarden import db
from pgwarden.topology.pooler import SESSION, TRANSACTION, detect
from tests.ha.harness import PgBouncer

Cli = Callable[..., tuple[int, str, str]]


def test_detects_the_pooling_mode_without_the_admin_console(
        pgbouncer: PgBouncer, pgbouncer_session: PgBouncer, db_dsn: str) -> None:
    with db.session(db_dsn) as c:
        assert detect(c, db_dsn).mode == "none"
    for bouncer, mode in ((pgbouncer, TRANSACTION), (pgbouncer_session, SESSION)):
        dsn = bouncer.dsn(db_dsn)
        with db.session(dsn) as c:
            assert detect(c, dsn).mode == mode


@pytest.mark.parametrize("command", [
    ("maintain", "cleanup"), ("maintain", "vacuum"), ("maintain", "refresh"),
    ("maintain", "reindex"), ("maintain", "run"), ("migrate", "up"), ("migrate", "down", "base", "--yes"),
])
def test_writers_refuse_transaction_pooling_naming_the_fix(
        cli: Cli, pgbouncer: PgBouncer, db_dsn: str, command: tuple[str, ...]) -> None:
    dsn = pgbouncer.dsn(db_dsn)
    code, out, err = cli("--dsn", dsn, *command)
    assert code == 2, (out, err)
    line = err.strip()
    assert len(line.splitlines()) == 1 and "Traceback" not in err
    assert "refuses to run through a transaction-pooling connection pooler" in line
    assert "[topology] direct_url" in line and "--dsn" in line
    assert pgbouncer.password not in err
    # nothing was done: no run rows, no revision applied
    with psycopg.connect(db_dsn) as c:
        assert c.execute("SELECT to_regclass('pgwarden.task_runs'), "
                         "to_regclass('alembic_version')").fetchone() == (None, None)


def test_writers_use_direct_url_past_the_pooler(cli: Cli, tmp_path: Path, pgbouncer: PgBouncer,
                                               cms_db_dsn: str,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", pgbouncer.dsn(cms_db_dsn))   # the application's URL
    cfg = tmp_path / "pgwarden.toml"
    cfg.write_text(f"[topology]\ndirect_url = {json.dumps(cms_db_dsn)}\n")
    code, out, err = cli("--config", str(cfg), "maintain", "vacuum", "--json")
    assert code == 0, (out, err)
    code, out, err = cli("--config", str(cfg), "migrate", "up")
    assert code == 0, (out, err)
    assert "database is at" in out
    with psycopg.connect(cms_db_dsn) as c:
        row = c.execute("SELECT task, outcome, (SELECT count(*) FROM pg_stat_activity "
                        "WHERE pid = backend_pid) FROM pgwarden.task_runs").fetchone()
    assert row is not None and row[:2] == ("vacuum", "success")
    # without direct_url, the same command through the pooler refuses
    code, out, err = cli("maintain", "vacuum")
    assert code == 2 and "direct_url" in err


def test_session_pooling_is_allowed(cli: Cli, pgbouncer_session: PgBouncer, cms_db_dsn: str) -> None:
    code, out, err = cli("--dsn", pgbouncer_session.dsn(cms_db_dsn), "maintain", "vacuum")
    assert code == 0, (out, err)


def test_read_only_commands_work_through_transaction_pooling(
        cli: Cli, pgbouncer: PgBouncer, cms_seeded_dsn: str) -> None:
    dsn = pgbouncer.dsn(cms_seeded_dsn)
    with psycopg.connect(cms_seeded_dsn, autocommit=True) as c:
        for _ in range(3):
            c.execute("SELECT * FROM workshops WHERE status = 'published' ORDER BY start_date "
                      "LIMIT 5").fetchall()
    # other clients keep PgBouncer's server connections busy and switching meanwhile
    stop = threading.Event()

    def churn() -> None:
        with psycopg.connect(dsn, autocommit=True, prepare_threshold=None) as c:
            while not stop.is_set():
                c.execute("SELECT pg_sleep(0.002)")
    threads = [threading.Thread(target=churn, daemon=True) for _ in range(3)]
    for t in threads:
        t.start()
    try:
        for args in (("health", "--json"), ("indexes", "--json"), ("locks", "--json"),
                     ("advise", "--json"), ("metrics",)):
            direct = cli("--dsn", cms_seeded_dsn, *args)
            pooled = cli("--dsn", dsn, *args)
            assert pooled[0] == direct[0], (args, pooled, direct)
            assert "Traceback" not in pooled[2] and "_pg3_" not in pooled[2], (args, pooled[2])
            assert pooled[1].strip() or pooled[2] == direct[2], (args, pooled, direct)
            if args[0] == "health":   # the same verdict, check by check
                assert _statuses(pooled[1]) == _statuses(direct[1])
            if args[0] == "indexes":
                assert _findings(pooled[1]) == _findings(direct[1])
            if args[0] == "advise" and pooled[0] == 0:   # hypopg (PG15) or not (PG18 wheel)
                key = "validated_with_hypopg"
                assert json.loads(pooled[1])[key] == json.loads(direct[1])[key]
            if args[0] == "metrics":
                assert "pgwarden_up 1.0" in pooled[1]
    finally:
        stop.set()
        for t in threads:
            t.join(5)


def _statuses(out: str) -> dict[str, str]:
    return {c["name"]: c["status"] for c in json.loads(out)["checks"]}


def _findings(out: str) -> list[tuple[str, str]]:
    return sorted((f["kind"], f["index"]) for f in json.loads(out)["findings"])


def test_pgwarden_connections_never_prepare_server_side(pgbouncer: PgBouncer, db_dsn: str) -> None:
    """psycopg prepares a statement after its 5th run on a connection; behind a transaction
    pooler the next run may land on a server connection that never saw it. db.connect turns
    that off: a connection whose runs are moved to another server connection, and 30 runs of
    one query under concurrency, all succeed. The control (psycopg's default) fails the same
    way every time: another client holds the server connection the first one prepared on
    (PgBouncer hands out the most recently used idle server connection first), so its next
    run lands elsewhere. (Before, the control relied on 4 threads' timing alone and, on a
    loaded machine, sometimes did not fail.)"""
    dsn = pgbouncer.dsn(db_dsn)
    query = "SELECT count(*) FROM pg_class WHERE relpages >= %s"

    def moved(client: psycopg.Connection[Any]) -> BaseException | None:
        """Run ``query`` 8 times, then 8 more while another client holds a server
        connection in a transaction; the error, if any."""
        try:
            for i in range(8):
                client.execute(query, (i,)).fetchone()
            with psycopg.connect(dsn, autocommit=True) as other, other.transaction():
                other.execute("SELECT 1").fetchone()
                for i in range(8):
                    client.execute(query, (i,)).fetchone()
        except psycopg.Error as exc:
            return exc
        return None

    with db.session(dsn) as c:
        assert moved(c) is None
    with psycopg.connect(dsn, autocommit=True) as c:
        failure = moved(c)
    assert failure is not None and "_pg3_" in str(failure)  # the test can fail
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            with db.session(dsn) as c:
                for i in range(30):
                    c.execute(query, (i,)).fetchone()
        except BaseException as exc:  # noqa: BLE001 - collected for the assertion
            errors.append(exc)
    threads = [threading.Thread(target=worker) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert errors == []
