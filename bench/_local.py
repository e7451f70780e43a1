"""A throwaway server, the lint corpus's database and CPU load for the lint benchmarks
(bench/lint_*.py).

``throwaway_cluster`` starts a LocalCluster in a fresh private directory and always destroys
it, however the benchmark ends; ``busy_sessions`` keeps ``n`` server CPUs busy for the
duration (the condition the linter's rates are measured under: a loaded production server).
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import psycopg
from psycopg import sql

CORPUS = Path(__file__).resolve().parent / "lint_corpus"


@contextmanager
def throwaway_cluster(pg_bin: str, prefix: str) -> Iterator[Any]:
    """A started LocalCluster under ``mkdtemp(prefix=…)``, destroyed and removed on exit."""
    from pgwarden.local import LocalCluster

    base = Path(tempfile.mkdtemp(prefix=prefix))
    cluster = LocalCluster(base / ".pgwarden", pg_bin=pg_bin)
    try:
        cluster.start()
        yield cluster
    finally:
        cluster.destroy()
        shutil.rmtree(base, ignore_errors=True)


def _burn(dsn: str, stop: threading.Event) -> None:
    """A session that keeps one server CPU busy until ``stop``."""
    with psycopg.connect(dsn, autocommit=True) as c:
        while not stop.is_set():
            c.execute("SELECT sum(g) FROM generate_series(1, 2000000) g")


@contextmanager
def busy_sessions(dsn: str, n: int) -> Iterator[None]:
    """``n`` sessions on ``dsn`` keeping a CPU busy each, stopped and joined on exit."""
    stop = threading.Event()
    burners = [threading.Thread(target=_burn, args=(dsn, stop), daemon=True) for _ in range(n)]
    for th in burners:
        th.start()
    try:
        yield
    finally:
        stop.set()
        for th in burners:
            th.join(30)


def corpus_database(cluster: Any, psql: str, name: str, scale: int) -> str:
    """(Re)create database ``name`` with the lint corpus's schema and data at ``scale``
    (bench/lint_corpus/schema.sql, fill.sql); returns its DSN."""
    with psycopg.connect(cluster.dsn("postgres"), autocommit=True) as c:
        c.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
        c.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    for f in ("schema.sql", "fill.sql"):
        subprocess.run([psql, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-v", f"scale={scale}",
                        "-d", cluster.dsn(name), "-f", str(CORPUS / f)], check=True,
                       capture_output=True, text=True)
    return str(cluster.dsn(name))
