"""`kill -9` of `pgwarden migrate up` while revision 0004 builds an index CONCURRENTLY: the
server goes on building after its client died and finishes the index valid but unmarked
(issue 16, items 5 and 6). While the orphan builds, `migrate status` names its pid and
`migrate up` waits for it (or stops with exit 75 after [migrate] build_wait); once it has
finished, the re-run converges to the schema a clean run gives."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import psycopg
import pytest

from pgwarden.migrations import api as migrate
from tests.migrations.helpers import NO_DICTIONARY, QUICK
from tests.migrations.snapshot import catalog_snapshot
from tests.migrations.test_kill import reference  # noqa: F401 - the module's fixture

CLI = Callable[..., tuple[int, str, str]]


def _building(dsn: str) -> tuple[int, str] | None:
    with psycopg.connect(dsn, autocommit=True) as conn:
        row = conn.execute("SELECT p.pid, c.relname FROM pg_stat_progress_create_index p "
                           "LEFT JOIN pg_class c ON c.oid = p.index_relid "
                           "WHERE p.command = 'CREATE INDEX CONCURRENTLY'").fetchone()
    return (int(row[0]), str(row[1])) if row else None  # name "None": index not created yet


def _wait(cond: Callable[[], Any], what: str, timeout: float = 60) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = cond()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def test_kill9_during_0004_orphan_finishes_and_the_rerun_converges(
        db_dsn: str, reference: dict[str, Any], cli: CLI, tmp_path: Path) -> None:  # noqa: F811
    migrate.upgrade(db_dsn, "0003", settings=QUICK)
    config = tmp_path / "pgwarden.toml"
    config.write_text(f'[migrate]\npolish_dictionary = "{NO_DICTIONARY}"\nbuild_wait = "2s"\n')
    # an old snapshot in the same database: CREATE INDEX CONCURRENTLY waits for it once its
    # (still invalid) index exists, which is where the client gets killed
    holder = psycopg.connect(db_dsn)
    try:
        holder.execute("BEGIN ISOLATION LEVEL REPEATABLE READ")
        holder.execute("SELECT 1")
        client = subprocess.Popen(
            [sys.executable, "-m", "pgwarden.cli", "--dsn", db_dsn, "--config", str(config),
             "migrate", "up", "0004"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        # until the build has created its (invalid) index: before that index_relid is 0
        pid, index = _wait(lambda: (b := _building(db_dsn)) is not None and b[1] != "None" and b,
                           "the CONCURRENTLY build")
        os.kill(client.pid, signal.SIGKILL)
        client.wait(timeout=30)
        time.sleep(0.5)
        assert _building(db_dsn) == (pid, index), "the server-side build died with its client"
        # the orphan still builds: status names it, migrate up waits and then says who
        code, out, _ = cli("--dsn", db_dsn, "--config", str(config), "migrate", "status")
        assert f"still being built by pid {pid}" in out, out
        assert "a killed CONCURRENTLY build" not in out
        started = time.monotonic()
        code, out, err = cli("--dsn", db_dsn, "--config", str(config), "migrate", "up", "0004")
        assert code == 75, (code, out, err)
        notice, error = err.strip().splitlines()[-2:]
        assert f"still being built by pid {pid}" in notice and "waiting" in notice
        assert error.startswith("pgwarden: error: ") and f"pid {pid}" in error
        assert "pg_cancel_backend" in error
        assert time.monotonic() - started >= 2.0
    finally:
        holder.close()  # the orphan goes on and finishes the index, valid, without the mark
    _wait(lambda: _building(db_dsn) is None, "the orphaned build to finish")
    with psycopg.connect(db_dsn, autocommit=True) as conn:
        valid, comment = conn.execute(
            "SELECT i.indisvalid, obj_description(i.indexrelid, 'pg_class') FROM pg_index i "
            "JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname = %s", (index,)).fetchone()
    assert valid and not comment, "the orphan should have finished the index valid, unmarked"
    code, out, err = cli("--dsn", db_dsn, "--config", str(config), "migrate", "up", "0004")
    assert code == 0, (out, err)
    assert "already built" in out + err
    assert catalog_snapshot(db_dsn) == reference["0004"]
    assert migrate.status(db_dsn).invalid_indexes == ()
    assert migrate.status(db_dsn).current == ("0004",)


def test_another_valid_index_of_the_same_name_is_still_refused(db_dsn: str, cli: CLI,
                                                               tmp_path: Path) -> None:
    """Structural comparison must not make every same-named index 'the same'."""
    migrate.upgrade(db_dsn, "0003", settings=QUICK)
    config = tmp_path / "pgwarden.toml"
    config.write_text(f'[migrate]\npolish_dictionary = "{NO_DICTIONARY}"\n')
    client = subprocess.run(  # find 0004's first index name from its offline SQL
        [sys.executable, "-m", "pgwarden.cli", "--dsn", db_dsn, "migrate", "sql", "0004",
         "--from", "0003"], capture_output=True, text=True, timeout=60)
    assert client.returncode == 0, client.stderr
    first = next(line for line in client.stdout.splitlines()
                 if line.startswith("CREATE INDEX CONCURRENTLY IF NOT EXISTS"))
    name = first.split("IF NOT EXISTS ", 1)[1].split()[0].strip('"')
    table = first.split(" ON ", 1)[1].split()[0].split(".")[-1].strip('"')
    with psycopg.connect(db_dsn, autocommit=True) as conn:
        conn.execute(f'CREATE INDEX "{name}" ON "{table}" (id DESC)')
    code, out, err = cli("--dsn", db_dsn, "--config", str(config), "migrate", "up", "0004")
    assert code == 2 and "already exists with another definition" in err, (code, err)


@pytest.mark.parametrize("spelling", ["public", "quoted"])
def test_same_index_written_differently_is_kept(db_dsn: str, spelling: str) -> None:
    """The defect of item 5: `"public"."enrollments"` vs `public.` defeated the regex."""
    from pgwarden.migrations.ops import index_statement

    migrate.upgrade(db_dsn, "0003", settings=QUICK)
    stmt = index_statement("probe_same", "enrollments", ["workshop_id", "status"],
                           where="status = 'confirmed'", concurrently=False)
    if spelling == "public":
        stmt = stmt.replace('"public"."enrollments"', "public.enrollments")
    with psycopg.connect(db_dsn, autocommit=True) as conn:
        conn.execute(stmt)
        oid = conn.execute("SELECT 'probe_same'::regclass::oid").fetchone()[0]  # type: ignore[index]
        from pgwarden.migrations.ops import same_definition

        assert same_definition(conn, oid, table="enrollments", schema="public",
                               columns=["workshop_id", "status"], unique=False, using="btree",
                               include=(), where="status = 'confirmed'")
        assert not same_definition(conn, oid, table="enrollments", schema="public",
                                   columns=["workshop_id", "status"], unique=False,
                                   using="btree", include=(), where="status = 'cancelled'")
        assert not same_definition(conn, oid, table="enrollments", schema="public",
                                   columns=["status", "workshop_id"], unique=False,
                                   using="btree", include=(), where="status = 'confirmed'")
        assert not same_definition(conn, oid, table="enrollments", schema="public",
                                   columns=["workshop_id", "status DESC"], unique=False,
                                   using="btree", include=(), where="status = 'confirmed'")
