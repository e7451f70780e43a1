"""``pgwarden migrate up`` and ``down`` of each revision interrupted every way production
interrupts them; after each, the re-run converges to the schema a clean run gives.

The points: *during* the revision's slowest part (its blocker from tests/migrations/test_kill:
an old snapshot that a CONCURRENTLY build waits for, a lock its ALTER waits for) and *after*
its work, while it waits to stamp alembic_version (SHARE lock on the version table).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from psycopg import sql

from pgwarden.local import LocalCluster
from pgwarden.migrations import api as migrate
from pgwarden.migrations.watcher import APPLICATION_NAME
from tests.conftest import TEMPLATE_DB, clone_database
from tests.faults.conftest import (
    Cli,
    fresh_db,
    gone,
    interrupt,
    jlines,
    leftover_indexes,
    poll,
    restart_fast,
    write_config,
)
from tests.migrations.helpers import QUICK
from tests.migrations.snapshot import catalog_snapshot
from tests.migrations.test_kill import BLOCKERS, REVISIONS, version_table_shared

CLI = Callable[..., tuple[int, str, str]]
PREVIOUS = {rev: (REVISIONS[i - 1] if i else "base") for i, rev in enumerate(REVISIONS)}
# kill -9 of the client while a CONCURRENTLY build waits: the orphaned backend finishes the
# index valid but without pgwarden's comment; the re-run recognises it by its catalog signature
# and keeps it (issue 16 item 5; it used to refuse it as "already exists with another definition")


@pytest.fixture(scope="module")
def at_revision(pg_cluster: LocalCluster, template_db: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Template databases at each revision (and base) and the catalog snapshot of each."""
    names: dict[str, str] = {}
    snaps: dict[str, Any] = {}
    gen = clone_database(pg_cluster, TEMPLATE_DB)
    dsn = next(gen)
    admin = psycopg.connect(pg_cluster.dsn("postgres"), autocommit=True)
    try:
        source = psycopg.conninfo.conninfo_to_dict(dsn)["dbname"]
        for rev in ["base", *REVISIONS]:
            migrate.upgrade(dsn, rev, settings=QUICK)
            snaps[rev] = catalog_snapshot(dsn)
            names[rev] = f"pgwarden_faults_rev_{rev}"
            admin.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(names[rev])))
            admin.execute(sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
                sql.Identifier(names[rev]), sql.Identifier(str(source))))
        yield {"names": names, "snapshots": snaps}
    finally:
        for n in names.values():
            admin.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(n)))
        admin.close()
        gen.close()


def clone_at(pg_cluster: LocalCluster, at_revision: dict[str, Any], rev: str) -> Iterator[str]:
    yield from clone_database(pg_cluster, at_revision["names"][rev])


def health_invalid(cli: CLI, dsn: str) -> dict[str, Any]:
    code, out, err = cli("--dsn", dsn, "health", "--check", "invalid_indexes", "--json")
    assert code in (0, 1, 2), err
    return json.loads(out)["checks"][0]  # type: ignore[no-any-return]


def converged(cli: CLI, dsn: str, cfg: str, direction: str, rev: str,
              snapshots: dict[str, Any]) -> None:
    """Health names what an interruption left; the re-run converges to the clean schema."""
    with psycopg.connect(dsn, autocommit=True) as conn:
        left = leftover_indexes(conn)
    h = health_invalid(cli, dsn)
    assert (h["status"] == "OK") == (left == []), (h, left)
    target = rev if direction == "up" else PREVIOUS[rev]
    args = ["migrate", "up", rev] if direction == "up" else ["migrate", "down", target, "--yes"]
    code, out, err = cli("--dsn", dsn, "--config", cfg, *args, "--json")
    assert code == 0, out + err
    assert migrate.status(dsn).current == (() if target == "base" else (target,))
    with psycopg.connect(dsn, autocommit=True) as conn:
        assert leftover_indexes(conn) == []
        assert conn.execute("SELECT count(*) FROM pg_stat_activity WHERE application_name = %s",
                            (APPLICATION_NAME,)).fetchone() == (0,)
    assert catalog_snapshot(dsn) == snapshots[target]


def _case(direction: str, rev: str, how: str, where: str) -> Any:
    return pytest.param(direction, rev, how, where, id=f"{direction}-{rev}-{how}-{where}")


# kill -9 during every revision (the orphan that finishes on its own included), and after the
# work of those that commit along the way (CONCURRENTLY) or drop everything, both ways;
# SIGTERM and pg_terminate_backend where the code path differs (a transactional revision, a
# CONCURRENTLY build); the rest of the pg_terminate_backend matrix is
# tests/migrations/test_kill.py (in-process, every revision)
CASES = [_case("up", r, "kill9", "during") for r in REVISIONS] + \
        [_case("up", r, "kill9", "after") for r in ("0001", "0002", "0004", "0005")] + \
        [_case("up", r, "sigterm", "during") for r in ("0003", "0004")] + \
        [_case("up", "0004", "terminate", "during")] + \
        [_case("down", r, "kill9", "after") for r in ("0001", "0004", "0005")] + \
        [_case("down", "0004", "sigterm", "after")]


@pytest.mark.parametrize(("direction", "rev", "how", "where"), CASES)
def test_interrupted_migration_converges(direction: str, rev: str, how: str, where: str,
                                         pg_cluster: LocalCluster, at_revision: dict[str, Any],
                                         template_db: dict[str, Any], tmp_path: Path,
                                         cli: CLI) -> None:
    if rev == "0006" and "rum" not in template_db["available"]:
        pytest.skip("revision 0006 builds nothing without the rum extension (not on this server)")
    start = PREVIOUS[rev] if direction == "up" else rev
    gen = clone_at(pg_cluster, at_revision, start)
    dsn = next(gen)
    try:
        cfg = write_config(tmp_path)
        blocker = BLOCKERS[rev][0] if where == "during" else version_table_shared
        args = ["migrate", "up", rev] if direction == "up" else \
            ["migrate", "down", PREVIOUS[rev], "--yes"]
        with psycopg.connect(dsn, autocommit=True) as conn:
            with blocker(dsn):
                run = Cli(dsn, cfg, *args, "--lock-timeout", "60s", "--retries", "0", "--json",
                          slow=False)
                try:
                    pid = int(poll(conn, "SELECT pid FROM pg_stat_activity WHERE "
                                         "application_name = %s AND wait_event_type = 'Lock'",
                                   (APPLICATION_NAME,), proc=run))
                    interrupt(how, run, conn, pid)
                    code = run.finish()
                finally:
                    if run.proc.poll() is None:
                        run.proc.kill()
            # the blocker is gone: an orphaned backend (kill -9 of the client) finishes now
            gone(conn, APPLICATION_NAME)
        assert code != 0 and "Traceback" not in run.err, run.err
        if how == "sigterm":
            assert code == 130 and "terminated by SIGTERM" in run.err, run.err
            assert jlines(run.out)[-1]["exit_code"] == 130, run.out
        converged(cli, dsn, cfg, direction, rev, at_revision["snapshots"])
    finally:
        gen.close()


@pytest.mark.parametrize("rev", ["0004"])
def test_lock_held_by_another_session(rev: str, pg_cluster: LocalCluster,
                                      at_revision: dict[str, Any], template_db: dict[str, Any],
                                      tmp_path: Path, cli: CLI) -> None:
    """A session holding alembic_version (a long DDL, a forgotten transaction): the run gives
    up after lock_timeout, exit 75 naming the holder, nothing applied; then it converges."""
    gen = clone_at(pg_cluster, at_revision, PREVIOUS[rev])
    dsn = next(gen)
    try:
        cfg = write_config(tmp_path)
        with psycopg.connect(dsn) as holder:
            holder.execute("LOCK TABLE alembic_version IN ACCESS EXCLUSIVE MODE")
            holder_pid = holder.info.backend_pid
            run = Cli(dsn, cfg, "migrate", "up", rev, "--lock-timeout", "200ms", "--retries", "0",
                      "--json", slow=False)
            code = run.finish()
        assert code == 75, run.out + run.err
        assert run.err.count("\n") == 1 and "lock" in run.err and "Traceback" not in run.err
        # the holder is named, with the way to end it (it used to be a bare lock timeout)
        assert f"locked by pid {holder_pid}" in run.err, run.err
        assert f"pg_terminate_backend({holder_pid})" in run.err
        assert migrate.status(dsn).current == (() if PREVIOUS[rev] == "base" else (PREVIOUS[rev],))
        converged(cli, dsn, cfg, "up", rev, at_revision["snapshots"])
    finally:
        gen.close()


@pytest.mark.restart
@pytest.mark.parametrize("rev", ["0004"])
def test_server_restarted_mid_migration(rev: str, own_cluster: LocalCluster, tmp_path: Path,
                                        cli: CLI) -> None:
    """``pg_ctl restart -m fast`` while a revision waits in its slowest part: exit 4, the
    revision rolled back (or its CONCURRENTLY index left INVALID), and the re-run converges."""
    name = f"restart_migrate_{rev}"
    dsn = fresh_db(own_cluster, name)
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute("DROP SCHEMA app CASCADE")
    migrate.upgrade(dsn, PREVIOUS[rev], settings=QUICK)
    cfg = write_config(tmp_path)
    with psycopg.connect(dsn, autocommit=True) as conn:
        holder = BLOCKERS[rev][0](dsn)
        holder.__enter__()
        run = Cli(dsn, cfg, "migrate", "up", rev, "--lock-timeout", "60s", "--retries", "0",
                  "--json", slow=False)
        try:
            poll(conn, "SELECT pid FROM pg_stat_activity WHERE application_name = %s "
                       "AND wait_event_type = 'Lock'", (APPLICATION_NAME,), proc=run)
        except BaseException:
            run.proc.kill()
            raise
    dsn = restart_fast(own_cluster, name)
    try:
        holder.__exit__(None, None, None)
    except psycopg.Error:
        pass  # its session went with the restart
    code = run.finish()
    assert code == 4, run.out + run.err
    assert "Traceback" not in run.err
    # the reference: the same revision applied cleanly in another database of this server
    ref = fresh_db(own_cluster, f"{name}_ref")
    with psycopg.connect(ref, autocommit=True) as conn:
        conn.execute("DROP SCHEMA app CASCADE")
    migrate.upgrade(ref, rev, settings=QUICK)
    converged(cli, dsn, cfg, "up", rev, {rev: catalog_snapshot(ref)})
