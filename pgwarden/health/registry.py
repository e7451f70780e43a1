"""The one place health checks are registered: ``@check("name")`` on a small function.

A check takes a ``Context`` (connection, server facts, settings) and returns a
``CheckResult``. Adding a check touches one module; ``CHECKS`` keeps registration order,
which is the order checks run and print in.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import psycopg
from psycopg.rows import dict_row

from pgwarden import sql as sqlfiles
from pgwarden.db import ServerFacts
from pgwarden.health.model import CheckResult
from pgwarden.health.settings import HealthSettings


@dataclass(frozen=True)
class Context:
    """What every check receives."""

    conn: psycopg.Connection[Any]
    facts: ServerFacts
    settings: HealthSettings

    def rows(self, name: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        """Rows of ``sql/health/<name>.sql`` (the variant for this server version)."""
        with self.conn.cursor(row_factory=dict_row) as cur:
            # without parameters psycopg passes the text verbatim (format('%I') stays intact)
            cur.execute(sqlfiles.load_for(f"health/{name}", self.facts.version_num), params)
            return cur.fetchall()

    def row(self, name: str, params: dict[str, Any] | None = None) -> dict[str, Any]:
        got = self.rows(name, params)
        return got[0] if got else {}


CheckFn = Callable[[Context], CheckResult]


@dataclass(frozen=True)
class Check:
    name: str
    description: str
    fn: CheckFn


CHECKS: dict[str, Check] = {}


def check(name: str, description: str) -> Callable[[CheckFn], CheckFn]:
    """Register ``fn`` as the health check ``name``."""

    def deco(fn: CheckFn) -> CheckFn:
        if name in CHECKS:
            raise RuntimeError(f"health check {name!r} registered twice")
        CHECKS[name] = Check(name, description, fn)
        return fn

    return deco
