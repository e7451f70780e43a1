"""Fixtures for maintain tests: small real schemas (dead tuples, bloat, invalid indexes, views)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import psycopg
import pytest

CONFIG = """
[maintenance]
lock_timeout = "300ms"
lock_retries = 2
retry_pause = "100ms"

[maintenance.cleanup]
batch_size = 100
pause = "0s"

[[maintenance.cleanup.policies]]
table = "app.events"
time_column = "created_at"
older_than = "365d"

[[maintenance.cleanup.policies]]
name = "expired sessions"
table = "app.sessions"
time_column = "expires_at"
older_than = "0s"
condition = "kind <> 'keep'"
"""

SCHEMA = """
CREATE SCHEMA app;
CREATE TABLE app.events (
    id bigserial PRIMARY KEY,
    created_at timestamptz NOT NULL,
    kind text NOT NULL,
    payload text
);
CREATE INDEX events_created_at_idx ON app.events (created_at);
-- 600 rows past a year (retention), 400 inside the window (the youngest 20 days old).
INSERT INTO app.events (created_at, kind, payload)
SELECT now() - make_interval(days => 400 + g), 'old', repeat('x', 50) FROM generate_series(1, 600) g;
INSERT INTO app.events (created_at, kind, payload)
SELECT now() - make_interval(days => 20 + g % 300), 'new', repeat('y', 50) FROM generate_series(1, 400) g;
-- No primary key: cleaned up by ctid page ranges.
CREATE TABLE app.sessions (token text NOT NULL, kind text NOT NULL, expires_at timestamptz NOT NULL);
INSERT INTO app.sessions
SELECT md5(g::text), CASE WHEN g % 10 = 0 THEN 'keep' ELSE 'web' END,
       now() + make_interval(hours => CASE WHEN g <= 300 THEN -g ELSE g END)
FROM generate_series(1, 500) g;
"""


def jlines(out: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def objects(out: str) -> list[dict[str, Any]]:
    return [o for o in jlines(out) if not o.get("summary")]


@pytest.fixture
def app_db(conn: psycopg.Connection[Any]) -> psycopg.Connection[Any]:
    conn.execute(SCHEMA)
    conn.execute("ANALYZE")
    return conn


@pytest.fixture
def config(tmp_path: Path) -> Callable[..., str]:
    """Write a pgwarden.toml (the default CONFIG plus ``extra``); returns its path."""

    def _write(extra: str = "", base: str = CONFIG) -> str:
        p = tmp_path / "pgwarden.toml"
        p.write_text(base + "\n" + extra)
        return str(p)

    return _write


def wait_for(conn: psycopg.Connection[Any], query: str, params: Any = None,
             timeout: float = 10.0) -> Any:
    """Poll ``query`` until its first column is truthy (statistics are flushed about once a
    second, asynchronously); returns that value."""
    import time

    deadline = time.monotonic() + timeout
    while True:
        row = conn.execute(query, params).fetchone()
        if row and row[0]:
            return row[0]
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for: {query}")
        time.sleep(0.1)
