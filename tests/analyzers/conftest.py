"""Fixtures for the analyzers: a small skewed shop schema and a way to run a workload."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import psycopg
import pytest

SCHEMA = Path(__file__).with_name("schema.sql")


def reset_statements(conn: psycopg.Connection[Any]) -> None:
    """Forget this database's pg_stat_statements entries (only this database's)."""
    conn.execute("SELECT pg_stat_statements_reset(0, (SELECT oid FROM pg_database "
                 "WHERE datname = current_database()), 0)")


@pytest.fixture
def shop_dsn(db_dsn: str) -> str:
    """A database with the shop schema (customers 20k, orders 60k, skewed), vacuumed and
    analyzed, and with pg_stat_statements emptied for it."""
    with psycopg.connect(db_dsn, autocommit=True) as conn:
        conn.execute(SCHEMA.read_text())
        conn.execute("VACUUM ANALYZE customers")
        conn.execute("VACUUM ANALYZE orders")
        reset_statements(conn)
    return db_dsn


Workload = Callable[[Sequence[tuple[str, Sequence[Any]]], int], None]


@pytest.fixture
def run_workload(shop_dsn: str) -> Workload:
    """Run each (query, params) ``times`` times so that it lands in pg_stat_statements."""

    def _run(queries: Sequence[tuple[str, Sequence[Any]]], times: int = 5) -> None:
        with psycopg.connect(shop_dsn, autocommit=True) as conn:
            for _ in range(times):
                for text, params in queries:
                    cur = conn.execute(text, params or None)
                    if cur.description:
                        cur.fetchall()

    return _run
