"""The lock-safe runner behind env.py: ``alembic upgrade`` and ``pgwarden migrate`` both use it.

Online, every revision runs in its own transaction that starts with ``SET LOCAL lock_timeout``
and ``SET LOCAL statement_timeout`` (also set for the session, so an autocommit block gets
them too). A revision that fails on a lock (55P03 lock_not_available, or 40P01 deadlock) is
rolled back whole and retried with jittered exponential back-off; after the last attempt the
run fails with LockHeld (exit 75) naming the lock and the session that held it. A second
connection (the *watcher*) holds the ``migrate`` advisory lock, so two runs never interleave,
and polls ``pg_blocking_pids()`` of the migrating backend while it runs, because by the time
the lock timeout fires the blocker may be gone and the error itself does not name it.

After an upgrade, materialized views left unpopulated (created WITH NO DATA) are refreshed
one by one outside any revision's transaction (the REFRESH takes ACCESS EXCLUSIVE only on the
new view, ACCESS SHARE on its inputs, so writers are never blocked).
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import psycopg
from psycopg import errors as pgerrors
from psycopg import sql
from psycopg.rows import tuple_row

from pgwarden import db
from pgwarden import sql as sqlfiles
from pgwarden.config import load_config, pg_duration, resolve_dsn
from pgwarden.errors import LockHeld, PgwardenError
from pgwarden.migrations.settings import MigrateSettings
from pgwarden.migrations.watcher import APPLICATION_NAME, Blocker, Watcher, watched
from pgwarden.topology.guard import Interrupted, RoleGuard
from pgwarden.topology.pooler import refuse_if_pooled

log = logging.getLogger("pgwarden.migrate")

RETRYABLE = (pgerrors.LockNotAvailable, pgerrors.DeadlockDetected)


@dataclass
class StepResult:
    """One revision applied (or undone) in this run."""

    revision: str
    description: str
    direction: str
    seconds: float
    attempts: int


@dataclass
class RunReport:
    """What a run did; the API fills it through ``Config.attributes['report']``."""

    steps: list[StepResult] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    retries: list[str] = field(default_factory=list)
    populated_views: list[str] = field(default_factory=list)
    unpopulated_views: list[str] = field(default_factory=list)
    on_notice: Callable[[str], None] | None = None
    on_step: Callable[[StepResult], None] | None = None

    def notice(self, text: str) -> None:
        self.notices.append(text)
        if self.on_notice is not None:
            self.on_notice(text)
        else:
            log.info("%s", text)


# -- settings ---------------------------------------------------------------------------------


def settings_for(config: Any, x_args: dict[str, str]) -> MigrateSettings:
    """The runner's settings: from the API (attributes), else pgwarden.toml, then ``-x`` overrides."""
    given = config.attributes.get("settings")
    if isinstance(given, MigrateSettings):
        base = given
    else:
        base = load_config(x_args.get("config")).section("migrate")
    return base.with_overrides(x_args)


def topology_for(config: Any, x_args: dict[str, str]) -> Any:
    """[topology]: from the API (attributes), else pgwarden.toml."""
    given = config.attributes.get("topology")
    return given if given is not None else load_config(x_args.get("config")).section("topology")


def dsn_for(config: Any, x_args: dict[str, str]) -> str:
    """``-x dsn=...`` > the API's DSN > DATABASE_URL / libpq's PG* variables."""
    return resolve_dsn(x_args.get("dsn") or config.attributes.get("dsn") or None)


# -- online -----------------------------------------------------------------------------------


def _creator(dsn: str, settings: MigrateSettings, report: RunReport) -> Callable[[], Any]:
    def create() -> psycopg.Connection[Any]:
        conn = db.connect(dsn, autocommit=False, row_factory=tuple_row,
                          application_name=APPLICATION_NAME,
                          timeouts=db.Timeouts(lock_timeout=settings.lock_timeout.seconds,
                                               statement_timeout=settings.statement_timeout.seconds))
        conn.add_notice_handler(lambda diag: _on_notice(diag, report))
        return conn

    return create


# IF [NOT] EXISTS chatter of idempotent re-runs: "... already exists, skipping" carries the
# duplicate object's SQLSTATE; "... does not exist, skipping" carries 00000 and is raised by
# these server functions. Told apart by SQLSTATE and source function, not by the (translated) words.
_SKIPPING_SQLSTATES = frozenset({"42P07", "42701", "42710", "42P06", "42723", "42P04", "42712"})
_SKIPPING_FUNCTIONS = frozenset({"does_not_exist_skipping", "DropErrorMsgNonExistent",
                                 "ATExecDropColumn", "ATExecDropConstraint", "ProcessUtilitySlow",
                                 "RenameRelation", "DropRole", "AlterTableLookupRelation"})


def _if_exists_chatter(diag: Any) -> bool:
    if diag.sqlstate in _SKIPPING_SQLSTATES:
        return True
    if diag.sqlstate == "00000" and diag.source_function in _SKIPPING_FUNCTIONS:
        return True
    return str(diag.message_primary or "").endswith(", skipping")


def _on_notice(diag: Any, report: RunReport) -> None:
    text = str(diag.message_primary or "")
    if _if_exists_chatter(diag):
        return
    report.notice(f"{diag.severity_nonlocalized or diag.severity}: {text}")


def _set_local_on_begin(connection: Any, settings: MigrateSettings,
                        guard: RoleGuard | None = None) -> None:
    """Start every transaction of this connection with SET LOCAL lock/statement timeouts.

    Session settings already hold the same values; SET LOCAL keeps them right behind a
    transaction-pooling PgBouncer, where a session SET may land on another server connection.
    """
    from sqlalchemy import event

    lock = pg_duration(settings.lock_timeout.seconds)
    stmt = pg_duration(settings.statement_timeout.seconds)

    def on_begin(conn: Any) -> None:
        raw = conn.connection.driver_connection
        if raw is None or raw.autocommit:
            return
        if guard is not None:
            guard.check()  # before each revision: still the primary? (a switchover stops here)
        # psycopg opens the transaction (BEGIN) before this statement
        raw.execute("SELECT set_config('lock_timeout', %s, true),"
                    " set_config('statement_timeout', %s, true)", (lock, stmt))

    event.listen(connection, "begin", on_begin)


def is_retryable(exc: BaseException) -> bool:
    orig = getattr(exc, "orig", exc)
    return isinstance(orig, RETRYABLE)


def backoff(attempt: int, settings: MigrateSettings, rand: Callable[[], float] = random.random) -> float:
    """Seconds to sleep before attempt ``attempt + 1``: exponential, capped, half jittered."""
    ceiling = min(settings.retry_backoff_max.seconds, settings.retry_backoff.seconds * 2.0 ** attempt)
    return float(ceiling / 2 + rand() * ceiling / 2)


def run_online(context: Any) -> None:
    """env.py's online path."""
    from sqlalchemy import create_engine
    from sqlalchemy.pool import NullPool

    config = context.config
    x_args = context.get_x_argument(as_dictionary=True)
    settings = settings_for(config, x_args)
    dsn = dsn_for(config, x_args)
    report: RunReport = config.attributes.setdefault("report", RunReport())
    populate = bool(config.attributes.get("populate", _cli_is_upgrade(config)))
    populate = populate and settings.populate_views
    engine = create_engine("postgresql+psycopg://", creator=_creator(dsn, settings, report),
                           poolclass=NullPool)
    with watched(dsn, wait=bool(config.attributes.get("wait", False)),
                 take_lock=not config.attributes.get("lock_held", False)) as watcher, \
            engine.connect() as connection:
        pid = connection.exec_driver_sql("SELECT pg_backend_pid()").scalar()
        connection.commit()
        raw = connection.connection.driver_connection
        assert raw is not None
        what = f"migrate {'up' if _cli_is_upgrade(config) or populate else 'down'}"
        refuse_if_pooled(raw, dsn, what=what)
        guard = RoleGuard(raw, topology_for(config, x_args), what=what, dsn=dsn)
        guard.check_start()
        watcher.watch(int(pid or 0))
        _set_local_on_begin(connection, settings, guard)
        tracker = _StepTracker(report)
        context.configure(connection=connection, target_metadata=None,
                          transaction_per_migration=True, on_version_apply=tracker.applied,
                          pgwarden_settings=settings, pgwarden_report=report)
        try:
            _run_with_retries(context, connection, settings, watcher, tracker, report)
            if populate:
                populate_views(connection, settings, report)
        except Exception as exc:
            orig = getattr(exc, "orig", exc)
            if (isinstance(orig, psycopg.OperationalError) and (raw.closed or raw.broken)
                    and guard.primary_gone()):
                # a switchover shuts the old primary down: the revision in flight is rolled
                # back whole (or leaves an INVALID index the next run rebuilds); a session
                # terminated on a primary that is still there stays a lost connection (exit 4)
                applied = ", ".join(s.revision for s in report.steps) or "none"
                lost = guard.lost(orig)
                raise Interrupted(f"{lost.message}; revisions applied before: {applied}",
                                  reason=lost.reason,
                                  hint="run `pgwarden migrate up` again on the primary: it "
                                       "converges") from None
            raise
    engine.dispose()


def _cli_is_upgrade(config: Any) -> bool:
    opts = getattr(config, "cmd_opts", None)
    cmd = getattr(opts, "cmd", None)
    fn = cmd[0] if isinstance(cmd, tuple) and cmd else None
    return getattr(fn, "__name__", "") == "upgrade" and not getattr(opts, "sql", False)


class _StepTracker:
    def __init__(self, report: RunReport):
        self.report = report
        self.started = time.monotonic()
        self.attempts = 1

    def applied(self, ctx: Any, step: Any, heads: Any, run_args: Any) -> None:
        now = time.monotonic()
        direction = "up" if step.is_upgrade else "down"
        # for both directions up_revision_id is the revision applied or undone
        result = StepResult(
            revision=str(step.up_revision_id), description=_description(step),
            direction=direction, seconds=round(now - self.started, 3), attempts=self.attempts)
        self.report.steps.append(result)
        if self.report.on_step is not None:
            self.report.on_step(result)
        log.info("%s %s (%s) in %.2fs%s", "applied" if step.is_upgrade else "undid",
                 step.up_revision_id, _description(step), now - self.started,
                 f" after {self.attempts} attempts" if self.attempts > 1 else "")
        self.started = now
        self.attempts = 1


def _description(step: Any) -> str:
    rev = getattr(step, "up_revision", None)
    doc = getattr(rev, "doc", None) if rev is not None else None
    return str(doc or "").strip().splitlines()[0] if doc else ""


def _run_with_retries(context: Any, connection: Any, settings: MigrateSettings, watcher: Watcher,
                      tracker: _StepTracker, report: RunReport) -> None:
    attempt = 0
    while True:
        try:
            with context.begin_transaction():
                context.run_migrations()
            return
        except Exception as exc:
            if not is_retryable(exc):
                raise
            if connection.in_transaction():
                connection.rollback()
            _reset_context_transaction(context)
            blockers = watcher.take()
            what = blockers[0].describe() if blockers else _lock_from_error(exc)
            if attempt >= settings.retries:
                at = ", ".join(context.get_context().get_current_heads()) or "base"
                if connection.in_transaction():
                    connection.rollback()
                raise LockHeld(
                    f"migration gave up after {attempt + 1} attempts (lock_timeout "
                    f"{settings.lock_timeout}): waiting for {what}; nothing of the failed "
                    f"revision was applied, the database stays at {at}",
                    hint=_hint(blockers, settings)) from None
            pause = backoff(attempt, settings)
            attempt += 1
            tracker.attempts = attempt + 1
            msg = (f"lock not available (attempt {attempt} of {settings.retries + 1}): {what}; "
                   f"retrying in {pause:.1f}s")
            report.retries.append(msg)
            report.notice(msg)
            time.sleep(pause)
            tracker.started = time.monotonic()


def _reset_context_transaction(context: Any) -> None:
    """Forget a per-revision transaction that the failed attempt rolled back."""
    mc = context.get_context()
    mc._transaction = None  # alembic tracks its own "transaction block" (see begin_transaction)


def _lock_from_error(exc: BaseException) -> str:
    orig = getattr(exc, "orig", exc)
    diag = getattr(orig, "diag", None)
    text = getattr(diag, "context", None) or getattr(diag, "message_primary", None) or str(orig)
    return f"a lock ({db.one_line(str(text))}) held by a session that ended before it was seen"


def _hint(blockers: list[Blocker], settings: MigrateSettings) -> str:
    if blockers:
        pid = blockers[0].pid
        return (f"end that session's transaction (SELECT pg_terminate_backend({pid}) ends it "
                "for good), or retry later; [migrate] lock_timeout and retries set the patience")
    return "retry later; [migrate] lock_timeout and retries set the patience"


def populate_views(connection: Any, settings: MigrateSettings, report: RunReport) -> None:
    """REFRESH every unpopulated materialized view, each on its own, outside any transaction."""
    raw = connection.connection.driver_connection
    if connection.in_transaction():
        connection.commit()
    was = raw.autocommit
    raw.autocommit = True
    try:
        rows = raw.execute(sqlfiles.load("migrate/unpopulated_views")).fetchall()
        if rows:
            raw.execute("SELECT set_config('statement_timeout', '0', false)")
        for schema, view in rows:
            name = f"{schema}.{view}"
            started = time.monotonic()
            try:
                raw.execute(sql.SQL("REFRESH MATERIALIZED VIEW {}").format(
                    sql.Identifier(schema, view)))
            except RETRYABLE as exc:
                report.unpopulated_views.append(name)
                report.notice(f"could not populate {name} now ({db.one_line(str(exc))}); "
                              "`pgwarden maintain refresh` will")
                continue
            report.populated_views.append(name)
            report.notice(f"populated materialized view {name} in {time.monotonic() - started:.2f}s")
    finally:
        raw.execute("SELECT set_config('statement_timeout', %s, false)",
                    (pg_duration(settings.statement_timeout.seconds),))
        raw.autocommit = was


# -- offline ----------------------------------------------------------------------------------


def run_offline(context: Any) -> None:
    """env.py's ``--sql`` path: a script a DBA can read and run with psql."""
    config = context.config
    x_args = context.get_x_argument(as_dictionary=True)
    settings = settings_for(config, x_args)
    major = _offline_major(x_args, config)
    context.configure(url="postgresql+psycopg://", literal_binds=True,
                      dialect_opts={"paramstyle": "named"}, transaction_per_migration=True,
                      pgwarden_settings=settings, pgwarden_server_major=major)
    context.execute(f"SET lock_timeout = '{pg_duration(settings.lock_timeout.seconds)}'")
    context.execute(f"SET statement_timeout = '{pg_duration(settings.statement_timeout.seconds)}'")
    with context.begin_transaction():
        context.run_migrations()


def _offline_major(x_args: dict[str, str], config: Any) -> int:
    value = x_args.get("server_major") or config.attributes.get("server_major") or "18"
    try:
        return int(value)
    except ValueError:
        raise PgwardenError(f"-x server_major: expected a PostgreSQL major version, got {value!r}") \
            from None
