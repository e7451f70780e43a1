"""The fault suite's harness: real ``pgwarden`` subprocesses, interrupted the ways production
interrupts them, and the invariants every interruption must keep.

A fault case is: start the CLI as a subprocess (``python -m pgwarden.cli``, the console script's
code), wait until it is at the point under test (its statement running on the server, waiting
for a lock, or just past its statement), interrupt it (``kill -9`` of the client, SIGTERM,
``pg_terminate_backend`` of its session, a lock another session holds, the server restarted
with a fast shutdown), then check: a re-run converges (exit 0), row counts are exact, no
INVALID or ``_ccnew``/``_ccold`` index is left, no run stays 'running', and ``health`` says what
happened.

The slow points are made with ``app.slow(n)``: a function that sleeps 0.3 ms per call when the
session sets ``app.slow = on`` (the CLI subprocesses get it through PGOPTIONS), so a DELETE
batch, an ANALYZE, a REFRESH or a REINDEX runs long enough to be caught in the act while the
test's own sessions stay fast.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from psycopg import sql

from pgwarden.local import LocalCluster
from tests.conftest import TEMPLATE_DB, clone_database

FAULTS_TEMPLATE = "pgwarden_faults_template"
MAINTAIN_APP = "pgwarden maintain"

# 600 expired events and 400 inside the retention window; a materialized view over them; a
# table with dead tuples to vacuum; an INVALID unique index (a failed CREATE INDEX
# CONCURRENTLY) to rebuild. Index expressions and the view call app.slow.
SCHEMA = """
CREATE SCHEMA app;
CREATE FUNCTION app.slow(x int) RETURNS int LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
    IF current_setting('app.slow', true) = 'on' THEN
        PERFORM pg_sleep(0.0003);
    END IF;
    RETURN x;
END $$;
CREATE TABLE app.events (
    id bigserial PRIMARY KEY,
    created_at timestamptz NOT NULL,
    kind text NOT NULL,
    n int NOT NULL
);
CREATE INDEX events_created_at_idx ON app.events (created_at);
INSERT INTO app.events (created_at, kind, n)
SELECT now() - make_interval(days => 400 + g % 300), 'old', g FROM generate_series(1, 600) g;
INSERT INTO app.events (created_at, kind, n)
SELECT now() - make_interval(days => 20 + g % 300), 'new' || (g % 5), g FROM generate_series(1, 400) g;
CREATE MATERIALIZED VIEW app.stats AS
    SELECT kind, count(*) AS events, sum(app.slow(n)) AS total FROM app.events GROUP BY kind;
CREATE UNIQUE INDEX stats_kind_key ON app.stats (kind);
CREATE TABLE app.dirty (id int NOT NULL, n int NOT NULL);
INSERT INTO app.dirty SELECT g, g FROM generate_series(1, 3000) g;
CREATE INDEX dirty_slow_idx ON app.dirty (app.slow(n));
CREATE TABLE app.accounts (id int NOT NULL, email text NOT NULL);
INSERT INTO app.accounts SELECT g, 'u' || g FROM generate_series(1, 1000) g;
INSERT INTO app.accounts VALUES (1000, 'dup');
"""
# run outside a transaction block, after SCHEMA
FAILED_BUILD = "CREATE UNIQUE INDEX CONCURRENTLY accounts_slow_key ON app.accounts (app.slow(id))"

CONFIG = """
[maintenance]
lock_timeout = "{lock_timeout}"
lock_retries = 2
retry_pause = "100ms"

[maintenance.cleanup]
batch_size = 50
pause = "0s"

[[maintenance.cleanup.policies]]
table = "app.events"
time_column = "created_at"
older_than = "365d"
condition = "app.slow(n::int) >= 0"

[maintenance.vacuum]
min_dead_tuples = 100
dead_tuple_ratio = 0.05
min_mod_since_analyze = 100000000

[maintenance.reindex]
unknown_free_space = "allow"

[migrate]
polish_dictionary = "pgwarden_test_no_dictionary"
"""


def build_schema(dsn: str) -> None:
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(SCHEMA)
        try:
            conn.execute(FAILED_BUILD)
        except psycopg.errors.UniqueViolation:
            pass  # what we want: the index stays, INVALID
        conn.execute("DELETE FROM app.accounts WHERE email = 'dup'")
        conn.execute("ANALYZE")


def make_template(admin: psycopg.Connection[Any], dsn: str, source: str) -> None:
    admin.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(FAULTS_TEMPLATE)))
    admin.execute(sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
        sql.Identifier(FAULTS_TEMPLATE), sql.Identifier(source)))
    build_schema(dsn)
    admin.execute(sql.SQL("ALTER DATABASE {} WITH is_template true").format(
        sql.Identifier(FAULTS_TEMPLATE)))


@pytest.fixture(scope="session")
def faults_template(pg_cluster: LocalCluster, template_db: dict[str, Any]) -> str:
    with psycopg.connect(pg_cluster.dsn("postgres"), autocommit=True) as admin:
        make_template(admin, pg_cluster.dsn(FAULTS_TEMPLATE), TEMPLATE_DB)
    return FAULTS_TEMPLATE


@pytest.fixture
def fdb(pg_cluster: LocalCluster, faults_template: str) -> Iterator[str]:
    """A fresh database holding the fault schema; yields its DSN."""
    yield from clone_database(pg_cluster, faults_template)


@pytest.fixture(scope="module")
def own_cluster(tmp_path_factory: pytest.TempPathFactory,
                request: pytest.FixtureRequest) -> Iterator[LocalCluster]:
    """A server of the test's own, to restart mid-run (the session's server is shared)."""
    cluster = LocalCluster(tmp_path_factory.mktemp("restart") / ".pgwarden",
                           pg_bin=request.config.getoption("--pg-bin"))
    cluster.start()
    try:
        with psycopg.connect(cluster.dsn("postgres"), autocommit=True) as admin:
            make_template(admin, cluster.dsn(FAULTS_TEMPLATE), "template1")
        yield cluster
    finally:
        cluster.destroy()


def fresh_db(cluster: LocalCluster, name: str) -> str:
    with psycopg.connect(cluster.dsn("postgres"), autocommit=True) as admin:
        admin.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
        admin.execute(sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
            sql.Identifier(name), sql.Identifier(FAULTS_TEMPLATE)))
    return cluster.dsn(name)


def restart_fast(cluster: LocalCluster, dbname: str) -> str:
    """``pg_ctl restart -m fast`` (as LocalCluster's stop -m fast, then start): every session
    is terminated and the server comes back. Returns the database's DSN afterwards (the port
    may change when the old one is not free again yet)."""
    cluster.stop(mode="fast")
    cluster.start()
    return cluster.dsn(dbname)


def write_config(tmp_path: Path, lock_timeout: str = "300ms") -> str:
    p = tmp_path / "pgwarden.toml"
    p.write_text(CONFIG.format(lock_timeout=lock_timeout))
    return str(p)


class Cli:
    """One ``pgwarden`` subprocess."""

    def __init__(self, dsn: str, cfg: str, *args: str, slow: bool = True):
        env = {**os.environ, "PYTHONWARNINGS": "ignore"}
        if slow:
            env["PGOPTIONS"] = "-c app.slow=on"
        self.args = args
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "pgwarden.cli", "--dsn", dsn, "--config", cfg, *args],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        self.out = ""
        self.err = ""

    def signal(self, sig: int) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(sig)

    def wait_line(self, predicate: Any, timeout: float = 30) -> dict[str, Any]:
        """Read stdout (JSON lines) until a line satisfies ``predicate``; returns it."""
        assert self.proc.stdout is not None
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            line = self.proc.stdout.readline()
            if not line:
                break
            self.out += line
            try:
                obj = json.loads(line)
            except ValueError:
                continue
            if predicate(obj):
                return obj  # type: ignore[no-any-return]
        raise AssertionError(f"no such line from pgwarden {self.args}: {self.out!r}")

    def finish(self, timeout: float = 60) -> int:
        try:
            out, err = self.proc.communicate(timeout=timeout)
        finally:
            if self.proc.poll() is None:
                self.proc.kill()
                self.proc.communicate()
        self.out += out
        self.err += err
        return int(self.proc.returncode)


def run_cli(dsn: str, cfg: str, *args: str, slow: bool = False, timeout: float = 120) -> tuple[int, str, str]:
    c = Cli(dsn, cfg, *args, slow=slow)
    code = c.finish(timeout)
    return code, c.out, c.err


def jlines(out: str) -> list[dict[str, Any]]:
    res = []
    for line in out.splitlines():
        line = line.strip()
        if line.startswith("{"):
            try:
                res.append(json.loads(line))
            except ValueError:
                pass
    return res


def poll(conn: psycopg.Connection[Any], query: str, params: Any = None, timeout: float = 30,
         proc: Cli | None = None) -> Any:
    """Poll ``query`` until its first column is truthy; returns it."""
    deadline = time.monotonic() + timeout
    while True:
        row = conn.execute(query, params).fetchone()
        if row and row[0]:
            return row[0]
        if proc is not None and proc.proc.poll() is not None:
            raise AssertionError(f"pgwarden {proc.args} ended (exit {proc.proc.returncode}) before "
                                 f"{query!r}: {proc.proc.stderr.read() if proc.proc.stderr else ''}")
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for: {query}")
        time.sleep(0.03)


def backend_of(conn: psycopg.Connection[Any], app: str, query_like: str, cli: Cli,
               *, waiting: bool = False) -> int:
    """The pid of ``cli``'s backend once it runs a statement like ``query_like`` (and, with
    ``waiting``, waits for a lock in it)."""
    return int(poll(conn, "SELECT pid FROM pg_stat_activity WHERE application_name = %s "
                          "AND state = 'active' AND query ILIKE %s "
                          "AND (NOT %s OR wait_event_type = 'Lock')",
                    (app, query_like, waiting), proc=cli))


def gone(conn: psycopg.Connection[Any], app: str, timeout: float = 30) -> None:
    """Wait until no session of ``app`` is left (a killed client's backend notices and ends)."""
    poll(conn, "SELECT count(*) = 0 FROM pg_stat_activity WHERE application_name = %s",
         (app,), timeout=timeout)


def leftover_indexes(conn: psycopg.Connection[Any]) -> list[tuple[str, bool]]:
    """INVALID indexes and _ccnew/_ccold leftovers, outside the system schemas."""
    return [(r[0], r[1]) for r in conn.execute(
        "SELECT c.relname, x.indisvalid FROM pg_index x JOIN pg_class c ON c.oid = x.indexrelid "
        "JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') "
        "AND (NOT x.indisvalid OR c.relname ~ '_cc(new|old)[0-9]*$') ORDER BY 1").fetchall()]


def interrupt(how: str, cli: Cli, conn: psycopg.Connection[Any], pid: int) -> None:
    if how == "kill9":
        cli.signal(signal.SIGKILL)
    elif how == "sigterm":
        cli.signal(signal.SIGTERM)
    elif how == "terminate":
        conn.execute("SELECT pg_terminate_backend(%s)", (pid,))
    else:
        raise AssertionError(how)
