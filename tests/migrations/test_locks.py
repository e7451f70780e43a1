"""The runner under contention: retries, gives up naming the holder, applies nothing half."""

from __future__ import annotations

import time

import psycopg
import pytest

from pgwarden import db, migrate
from pgwarden.config import Duration
from pgwarden.errors import LockHeld
from pgwarden.migrations.settings import MigrateSettings
from tests.migrations.helpers import NO_DICTIONARY, QUICK, Background, wait_for_lock_wait
from tests.migrations.snapshot import catalog_snapshot

FAST = {"retry_backoff": Duration("50ms"), "retry_backoff_max": Duration("100ms")}


def test_blocked_migration_retries_then_names_the_holder(db_dsn: str) -> None:
    migrate.upgrade(db_dsn, "0001")
    before = catalog_snapshot(db_dsn)
    notices: list[str] = []
    settings = MigrateSettings(lock_timeout=Duration("300ms"), retries=2, polish_dictionary=NO_DICTIONARY,
                               **FAST)
    with psycopg.connect(db_dsn, application_name="nightly-report") as holder:
        holder.execute("SELECT count(*) FROM workshops")  # ACCESS SHARE until the transaction ends
        holder_pid = holder.info.backend_pid
        with pytest.raises(LockHeld) as caught:
            migrate.upgrade(db_dsn, "head", settings=settings, on_notice=notices.append)
    message = caught.value.one_line()
    assert "gave up after 3 attempts" in message and "the database stays at 0001" in message
    assert f"held by pid {holder_pid}" in message
    assert "AccessExclusiveLock on workshops" in message
    assert "nightly-report" in message and "AccessShareLock" in message
    assert f"pg_terminate_backend({holder_pid})" in message
    assert caught.value.exit_code == 75
    assert sum("lock not available (attempt" in n for n in notices) == 2
    # revision 0002 was rolled back whole: same schema as before, still at 0001
    assert catalog_snapshot(db_dsn) == before
    assert migrate.status(db_dsn).current == ("0001",)


def test_retry_succeeds_once_the_holder_commits(db_dsn: str) -> None:
    migrate.upgrade(db_dsn, "0001")
    settings = MigrateSettings(lock_timeout=Duration("200ms"), retries=50, polish_dictionary=NO_DICTIONARY,
                               **FAST)
    with psycopg.connect(db_dsn) as holder:
        holder.execute("SELECT count(*) FROM workshops")
        run = Background(lambda: migrate.upgrade(db_dsn, "0002", settings=settings))
        wait_for_lock_wait(db_dsn)
        time.sleep(0.6)  # at least one lock_timeout expires meanwhile
        holder.commit()
        report, error = run.result()
    assert error is None, error
    assert report.retries, "the first attempt should have met the lock"
    assert [s.revision for s in report.steps] == ["0002"]
    assert report.steps[0].attempts == len(report.retries) + 1


def test_a_second_run_exits_75_naming_the_first(db_dsn: str) -> None:
    with db.session(db_dsn, application_name="other-migrator") as other, \
            db.advisory_lock(other, "migrate"):
        with pytest.raises(LockHeld) as caught:
            migrate.upgrade(db_dsn, "head", settings=QUICK)
    assert "other-migrator" in caught.value.one_line()
    assert migrate.status(db_dsn).current == ()


def test_concurrent_index_build_gives_up_cleanly_and_converges(db_dsn: str) -> None:
    """index_lock_timeout bounds a CONCURRENTLY build's wait for old transactions; each attempt
    leaves an INVALID index that the next one drops, and the last failure names the holder."""
    migrate.upgrade(db_dsn, "0003", settings=QUICK)
    settings = MigrateSettings(index_lock_timeout=Duration("300ms"), retries=1,
                               polish_dictionary=NO_DICTIONARY, **FAST)
    with psycopg.connect(db_dsn, application_name="old-snapshot") as holder:
        holder.execute("BEGIN ISOLATION LEVEL REPEATABLE READ")
        holder.execute("SELECT 1")
        with pytest.raises(LockHeld) as caught:
            migrate.upgrade(db_dsn, "0004", settings=settings)
    message = caught.value.one_line()
    assert "gave up after 2 attempts" in message and "old-snapshot" in message
    assert "virtual transaction" in message
    st = migrate.status(db_dsn)
    assert st.current == ("0003",) and len(st.invalid_indexes) == 1
    notices: list[str] = []
    migrate.upgrade(db_dsn, "0004", settings=QUICK, on_notice=notices.append)
    assert any("was INVALID" in n for n in notices)
    assert migrate.status(db_dsn).invalid_indexes == ()
