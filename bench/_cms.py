"""Shared set-up for the CMS benchmarks: a fresh database on a server, migrated and seeded.

The server is ``--dsn`` (any database on it; the benchmark creates its own) or, by default,
pgwarden's local cluster (``pgwarden local start``), started when needed.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from typing import Any

import psycopg
from psycopg import sql
from psycopg.conninfo import conninfo_to_dict, make_conninfo

EXTENSIONS = ("pg_stat_statements", "pg_trgm", "unaccent")
_STARTED: list[Any] = []  # local clusters this process started (stop_started stops them)


def add_server_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--dsn", help="a database on the server to use (default: the local cluster)")
    parser.add_argument("--pg-bin", default=None, help="local cluster binaries (system/embedded/DIR)")
    parser.add_argument("--dbname", default="pgwarden_bench_cms", help="database the benchmark (re)creates")
    parser.add_argument("--scale", type=float, default=10.0, help="pgwarden demo seed --scale")
    parser.add_argument("--seed", type=int, default=42, help="data seed")


def server_dsn(args: argparse.Namespace) -> str:
    if args.dsn:
        return str(args.dsn)
    from pgwarden.local import LocalCluster

    cluster = LocalCluster(None, pg_bin=args.pg_bin)
    state, what = cluster.start()
    if what.startswith("started"):
        _STARTED.append(cluster)
    return str(cluster.dsn(state=state))


def stop_started() -> None:
    """Stop the local clusters this process started (one already running is left running)."""
    while _STARTED:
        _STARTED.pop().stop()


def run_then_stop(run: Callable[[list[str] | None], int], argv: list[str] | None) -> int:
    """A bench's ``main``: ``run(argv)``, then stop the local clusters it started, however it ends."""
    try:
        return run(argv)
    finally:
        stop_started()


def with_dbname(dsn: str, dbname: str) -> str:
    params = conninfo_to_dict(dsn)
    params["dbname"] = dbname
    return make_conninfo(**params)


def fresh_database(dsn: str, dbname: str) -> str:
    """Drop and create ``dbname`` on ``dsn``'s server with the CMS's extensions; its DSN."""
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(dbname)))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(dbname)))
    target = with_dbname(dsn, dbname)
    with psycopg.connect(target, autocommit=True) as conn:
        available = {r[0] for r in conn.execute("SELECT name FROM pg_available_extensions")}
        for ext in EXTENSIONS:
            if ext in available:
                conn.execute(sql.SQL("CREATE EXTENSION IF NOT EXISTS {}").format(sql.Identifier(ext)))
    return target


def prepare(args: argparse.Namespace, revision: str, log: Any = print) -> tuple[str, dict[str, Any]]:
    """A database migrated to ``revision`` and seeded at ``args.scale``; (dsn, timings)."""
    from pgwarden.demo.seed import seed
    from pgwarden.migrations import api as migrate

    base = server_dsn(args)
    dsn = fresh_database(base, args.dbname)
    timings: dict[str, Any] = {}
    t0 = time.monotonic()
    migrate.upgrade(dsn, revision, on_notice=lambda text: None)
    timings["migrate_s"] = round(time.monotonic() - t0, 2)
    log(f"migrated {args.dbname} to {revision} in {timings['migrate_s']} s; seeding scale {args.scale:g} ...")
    result = seed(dsn, scale=args.scale, seed=args.seed)
    timings["seed_s"] = result.duration_s
    timings["rows"] = result.rows
    log(f"seeded {result.total_rows:,} rows in {result.duration_s:.1f} s "
        f"({result.rows['workshops']:,} workshops, {result.rows['enrollments']:,} enrollments)")
    with psycopg.connect(dsn, autocommit=True) as conn:
        t0 = time.monotonic()
        conn.execute("VACUUM (ANALYZE)")
        timings["vacuum_analyze_s"] = round(time.monotonic() - t0, 2)
    return dsn, timings
