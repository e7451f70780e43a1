"""A real primary with one hot standby streaming from it (``pgwarden local start --replicas 1``
code), for every test about what pgwarden does with replicas. Session-scoped: made once."""

from __future__ import annotations

import itertools
import os
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg
import pytest
from psycopg import sql

from pgwarden.local import LocalCluster, standbys

_counter = itertools.count()


@pytest.fixture(scope="session")
def replicated_cluster(request: pytest.FixtureRequest,
                       tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalCluster]:
    base = tmp_path_factory.mktemp("replicated") / ".pgwarden"
    cluster = LocalCluster(base, pg_bin=request.config.getoption("--pg-bin"))
    st, _ = cluster.start()
    standbys.ensure(cluster, st, 1)
    try:
        yield cluster
    finally:
        cluster.destroy()


@dataclass(frozen=True)
class Pair:
    """One fresh database on the primary and the same database seen on the standby."""

    cluster: LocalCluster
    name: str
    primary: str
    standby: str

    def wait_replayed(self, timeout: float = 30) -> None:
        """Until the standby has replayed everything the primary has written so far."""
        with psycopg.connect(self.primary, autocommit=True) as p:
            lsn = p.execute("SELECT pg_current_wal_insert_lsn()").fetchone()[0]  # type: ignore[index]
        deadline = time.monotonic() + timeout
        with psycopg.connect(self.cluster.dsn("postgres", node=1), autocommit=True) as s:
            while True:
                row = s.execute("SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn",
                                (lsn,)).fetchone()
                if row and row[0]:
                    return
                assert time.monotonic() < deadline, "the standby did not catch up"
                time.sleep(0.05)


@pytest.fixture
def pair(replicated_cluster: LocalCluster) -> Iterator[Pair]:
    name = f"r_{os.getpid()}_{next(_counter)}"
    admin = replicated_cluster.dsn("postgres")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    p = Pair(replicated_cluster, name, replicated_cluster.dsn(name),
             replicated_cluster.dsn(name, node=1))
    with psycopg.connect(p.primary, autocommit=True) as conn:
        for ext in ("pg_stat_statements", "hypopg"):
            if conn.execute("SELECT 1 FROM pg_available_extensions WHERE name = %s",
                            (ext,)).fetchone():
                conn.execute(sql.SQL("CREATE EXTENSION IF NOT EXISTS {}").format(
                    sql.Identifier(ext)))
    p.wait_replayed()
    try:
        yield p
    finally:
        with psycopg.connect(replicated_cluster.dsn(name, node=1), autocommit=True) as s:
            if s.execute("SELECT pg_is_wal_replay_paused()").fetchone() == (True,):
                s.execute("SELECT pg_wal_replay_resume()")
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                sql.Identifier(name)))


def advise_table_on_both(p: Pair, workload: Path, queries: str) -> str:
    """Table ``t`` (20,000 rows, ``k`` with 500 values) on the primary, replayed on the standby;
    ``queries`` written to ``workload``. Returns the path, for ``advise --queries``."""
    with psycopg.connect(p.primary, autocommit=True) as conn:
        conn.execute("CREATE TABLE t (id int PRIMARY KEY, k int NOT NULL, v int NOT NULL)")
        conn.execute("INSERT INTO t SELECT g, g % 500, g FROM generate_series(1, 20000) g")
        conn.execute("ANALYZE t")
    p.wait_replayed()
    workload.write_text(queries)
    return str(workload)


def standby_conn(p: Pair) -> Any:
    return psycopg.connect(p.standby, autocommit=True)
