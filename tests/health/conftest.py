"""Fixtures for health, locks and metrics tests: extra sessions that hold and wait on locks,
pgwarden's maintenance state tables, and non-superuser roles (pg_monitor and plain)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from psycopg import sql

from tests.conftest import ROLE_PASSWORD, role_dsn

MONITOR_ROLE = "pgwarden_test_monitor"
PLAIN_ROLE = "pgwarden_test_plain"


@pytest.fixture
def state_schema(db_dsn: str, conn: psycopg.Connection[Any]) -> psycopg.Connection[Any]:
    """Create pgwarden.task_runs / pgwarden.mview_refresh in the test database, the way the
    maintenance commands do (``pgwarden.maintenance.state.ensure_state``)."""
    from pgwarden import db
    from pgwarden.maintenance.state import ensure_state

    with db.session(db_dsn) as c:
        ensure_state(c)
    return conn


class Sessions:
    """Extra client sessions for a test; every one is terminated at teardown."""

    def __init__(self, dsn: str, admin: psycopg.Connection[Any]):
        self.dsn = dsn
        self.admin = admin
        self.conns: list[psycopg.Connection[Any]] = []
        self.threads: list[threading.Thread] = []

    def open(self, name: str) -> psycopg.Connection[Any]:
        c = psycopg.connect(self.dsn, application_name=name)
        self.conns.append(c)
        return c

    def pid(self, c: psycopg.Connection[Any]) -> int:
        return int(c.info.backend_pid)

    def wait_in_background(self, c: psycopg.Connection[Any], statement: str) -> None:
        """Run ``statement`` on ``c`` in a thread and return once it waits on a lock."""

        def target() -> None:
            try:
                c.execute(statement)  # type: ignore[arg-type]
            except psycopg.Error:
                pass  # terminated at teardown

        t = threading.Thread(target=target, daemon=True)
        t.start()
        self.threads.append(t)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            row = self.admin.execute("SELECT wait_event_type FROM pg_stat_activity WHERE pid = %s",
                                     (self.pid(c),)).fetchone()
            if row and row[0] == "Lock":
                return
            time.sleep(0.02)
        raise AssertionError(f"{statement!r} never started waiting on a lock")

    def close(self) -> None:
        for c in self.conns:
            self.admin.execute("SELECT pg_terminate_backend(%s)", (self.pid(c),))
        for t in self.threads:
            t.join(5)
        for c in self.conns:
            try:
                c.close()
            except psycopg.Error:
                pass


@pytest.fixture
def sessions(db_dsn: str, conn: psycopg.Connection[Any]) -> Iterator[Sessions]:
    s = Sessions(db_dsn, conn)
    try:
        yield s
    finally:
        s.close()


def _role_dsn(dsn: str, role: str) -> str:
    return role_dsn(dsn, role)


def ensure_role(conn: psycopg.Connection[Any], role: str, *, monitor: bool) -> None:
    if not conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,)).fetchone():
        conn.execute(sql.SQL("CREATE ROLE {} LOGIN PASSWORD {}").format(sql.Identifier(role),
                                                                  sql.Literal(ROLE_PASSWORD)))
        if monitor:
            conn.execute(sql.SQL("GRANT pg_monitor TO {}").format(sql.Identifier(role)))


@pytest.fixture
def monitor_dsn(db_dsn: str, conn: psycopg.Connection[Any]) -> str:
    """A login role that is only a member of pg_monitor (no superuser, no table grants)."""
    ensure_role(conn, MONITOR_ROLE, monitor=True)
    return _role_dsn(db_dsn, MONITOR_ROLE)


@pytest.fixture
def plain_dsn(db_dsn: str, conn: psycopg.Connection[Any]) -> str:
    """A login role with no monitoring role at all."""
    ensure_role(conn, PLAIN_ROLE, monitor=False)
    return _role_dsn(db_dsn, PLAIN_ROLE)


def write_config(tmp_path: Path, text: str) -> str:
    path = tmp_path / "pgwarden.toml"
    path.write_text(text)
    return str(path)
