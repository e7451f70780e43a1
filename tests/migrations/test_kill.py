"""Each revision killed mid-way (its backend terminated during its slowest statement) and run
again converges to the schema a clean run gives."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import psycopg
import pytest

from pgwarden.config import Duration
from pgwarden.errors import ConnectError
from pgwarden.local import LocalCluster
from pgwarden.migrations import api as migrate
from pgwarden.migrations.settings import MigrateSettings
from tests.conftest import TEMPLATE_DB, clone_database
from tests.migrations.helpers import NO_DICTIONARY, QUICK, Background, terminate, wait_for_lock_wait
from tests.migrations.snapshot import catalog_snapshot

REVISIONS = ["0001", "0002", "0003", "0004", "0005", "0006"]
PATIENT = MigrateSettings(lock_timeout=Duration("60s"), retries=0, polish_dictionary=NO_DICTIONARY)


@pytest.fixture(scope="module")
def reference(pg_cluster: LocalCluster, template_db: dict[str, Any]) -> dict[str, Any]:
    """Catalog snapshots of a clean run, revision by revision."""
    snaps: dict[str, Any] = {}
    gen = clone_database(pg_cluster, TEMPLATE_DB)
    dsn = next(gen)
    try:
        for rev in REVISIONS:
            migrate.upgrade(dsn, rev, settings=QUICK)
            snaps[rev] = catalog_snapshot(dsn)
    finally:
        gen.close()
    return snaps


@contextmanager
def version_table_shared(dsn: str) -> Iterator[None]:
    """Hold SHARE on alembic_version: the revision does all its work, then waits to stamp."""
    with psycopg.connect(dsn) as holder:
        holder.execute("LOCK TABLE alembic_version IN SHARE MODE")
        yield


@contextmanager
def old_snapshot(dsn: str) -> Iterator[None]:
    """An open REPEATABLE READ transaction with a snapshot: CREATE INDEX CONCURRENTLY waits
    for it after creating its (still invalid) index, which is where the kill lands."""
    with psycopg.connect(dsn) as holder:
        holder.execute("BEGIN ISOLATION LEVEL REPEATABLE READ")
        holder.execute("SELECT 1")
        yield


@contextmanager
def enrollments_locked(dsn: str) -> Iterator[None]:
    with psycopg.connect(dsn) as holder:
        holder.execute("LOCK TABLE enrollments IN ACCESS EXCLUSIVE MODE")
        yield


BLOCKERS: dict[str, tuple[Callable[[str], Any], bool]] = {
    # revision: (what holds it up during its slowest part, leaves an invalid index)
    "0001": (version_table_shared, False),
    "0002": (old_snapshot, True),
    "0003": (enrollments_locked, False),
    "0004": (old_snapshot, True),
    "0005": (version_table_shared, False),
    "0006": (old_snapshot, True),  # the RUM index build (needs the rum extension)
}


@pytest.mark.parametrize("rev", REVISIONS)
def test_killed_revision_converges_on_rerun(rev: str, db_dsn: str, reference: dict[str, Any],
                                           template_db: dict[str, Any]) -> None:
    if rev == "0006" and "rum" not in template_db["available"]:
        pytest.skip("revision 0006 builds nothing without the rum extension (not on this server)")
    previous = REVISIONS[REVISIONS.index(rev) - 1] if rev != "0001" else "base"
    migrate.upgrade(db_dsn, previous, settings=QUICK)
    blocker, leaves_invalid = BLOCKERS[rev]
    with blocker(db_dsn):
        run = Background(lambda: migrate.upgrade(db_dsn, rev, settings=PATIENT))
        pid = wait_for_lock_wait(db_dsn)
        terminate(db_dsn, pid)
        _, error = run.result()
    assert isinstance(error, ConnectError), error
    assert "connection was lost" in error.one_line()
    st = migrate.status(db_dsn)
    assert st.current == (() if previous == "base" else (previous,))
    assert bool(st.invalid_indexes) == leaves_invalid, st.invalid_indexes
    notices: list[str] = []
    migrate.upgrade(db_dsn, rev, settings=QUICK, on_notice=notices.append)
    assert any("was INVALID" in n for n in notices) == leaves_invalid
    assert catalog_snapshot(db_dsn) == reference[rev]
    assert migrate.status(db_dsn).invalid_indexes == ()
