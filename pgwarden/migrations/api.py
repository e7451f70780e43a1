"""``pgwarden migrate``'s API: alembic's command functions, wrapped for the lock-safe runner.

It lives beside the runner it drives (``pgwarden.migrations``); ``pgwarden.migrate`` remains
an alias of this module for callers written before the move.

``upgrade``, ``downgrade``, ``status`` and ``offline_sql`` build an in-memory alembic Config
for the packaged environment (``pgwarden:migrations``, versions in ``pgwarden:versions``), so
they need no alembic.ini; the runner they drive is the one plain ``alembic`` uses.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from psycopg import errors as pgerrors

from pgwarden import db
from pgwarden import sql as sqlfiles
from pgwarden.errors import ConnectError, LockHeld, UsageError
from pgwarden.migrations.runner import RunReport, StepResult
from pgwarden.migrations.settings import MigrateSettings

SCRIPT_LOCATION = "pgwarden:migrations"
VERSION_LOCATIONS = "pgwarden:versions"


def alembic_config(dsn: str | None = None, *, settings: MigrateSettings | None = None,
                   report: RunReport | None = None, populate: bool | None = None,
                   wait: bool = False, output: Any = None, topology: Any = None) -> Any:
    """An alembic ``Config`` for pgwarden's migrations, without any ini file."""
    from alembic.config import Config

    cfg = Config(output_buffer=output) if output is not None else Config()
    cfg.set_main_option("script_location", SCRIPT_LOCATION)
    cfg.set_main_option("version_locations", VERSION_LOCATIONS)
    cfg.set_main_option("path_separator", "space")
    cfg.attributes["dsn"] = dsn
    cfg.attributes["settings"] = settings or MigrateSettings()
    cfg.attributes["report"] = report or RunReport()
    cfg.attributes["wait"] = wait
    if topology is not None:
        cfg.attributes["topology"] = topology   # [topology]; else read from pgwarden.toml
    if populate is not None:
        cfg.attributes["populate"] = populate
    return cfg


@contextmanager
def _alembic_errors(dsn: str = "") -> Iterator[None]:
    """alembic's CommandError and SQLAlchemy-wrapped driver errors as one-line pgwarden errors."""
    import psycopg
    from alembic.script.revision import RevisionError
    from alembic.util import CommandError
    from sqlalchemy.exc import DBAPIError

    try:
        yield
    except (CommandError, RevisionError) as exc:
        raise UsageError(db.one_line(str(exc))) from None
    except psycopg.OperationalError as exc:
        if db.connection_lost(exc):
            raise ConnectError(
                "the migration's connection was lost (terminated by pg_terminate_backend or a "
                f"server restart): {db.one_line(str(exc))}",
                hint="the revision in progress was not recorded; run `pgwarden migrate up` "
                     "again: it converges, rebuilding any INVALID index") from None
        mapped = db.translate_error(exc, dsn)
        if mapped is None:
            raise
        raise mapped from None
    except psycopg.Error as exc:
        mapped = db.translate_error(exc, dsn)
        if mapped is None:
            raise
        raise mapped from None
    except DBAPIError as exc:
        if isinstance(exc.orig, psycopg.OperationalError):
            with _alembic_errors(dsn):
                raise exc.orig from None
        mapped = db.translate_error(exc.orig, dsn) if exc.orig is not None else None
        if mapped is None:
            raise
        raise mapped from None


def script_directory() -> Any:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config())


def upgrade(dsn: str, target: str = "head", *, settings: MigrateSettings | None = None,
            populate: bool = True, wait: bool = False,
            on_notice: Callable[[str], None] | None = None,
            on_step: Callable[[StepResult], None] | None = None,
            replicas: Sequence[str] = (), wait_replicas: bool = True,
            replica_wait: float = 60.0, topology: Any = None) -> RunReport:
    """Apply revisions up to ``target``, each in its own lock-safe transaction.

    It needs the primary and a direct connection: on a standby StandbyError (exit 2, naming the
    primary when known), through a transaction pooler PoolerError (exit 2); a switchover mid-run
    raises Interrupted (exit 3). ``topology`` is [topology] (default: from pgwarden.toml).

    With ``replicas`` (DSNs of the primary's standbys), revisions are applied one at a time:
    before each, a warning for every replica whose replay will wait for or cancel queries
    (``migrations.replicas``); after each, a wait (up to ``replica_wait`` seconds, unless
    ``wait_replicas`` is false) until every replica has replayed it.
    """
    from alembic import command

    report = RunReport(on_notice=on_notice, on_step=on_step)
    if replicas:
        steps = [(r.revision, r.revision) for r in plan_upgrade(dsn, target)]
        _stepwise(dsn, steps, "up", settings=settings, report=report, populate=populate,
                  wait=wait, replicas=replicas, wait_replicas=wait_replicas,
                  replica_wait=replica_wait, topology=topology)
        return report
    cfg = alembic_config(dsn, settings=settings, report=report, populate=populate, wait=wait,
                         topology=topology)
    with _alembic_errors(dsn):
        command.upgrade(cfg, target)
    return report


def _stepwise(dsn: str, steps: list[tuple[str, str]], direction: str, *,
              settings: MigrateSettings | None, report: RunReport, populate: bool, wait: bool,
              replicas: Sequence[str], wait_replicas: bool, replica_wait: float,
              topology: Any = None) -> None:
    """One revision at a time under one ``migrate`` advisory lock, the replicas asked before
    and waited for after each (see ``upgrade``)."""
    from alembic import command

    from pgwarden.migrations import replicas as standby
    from pgwarden.topology import nodes as topo

    with db.session(dsn, application_name="pgwarden migrate") as primary:
        found = topo.replica_nodes(primary, replicas)
        for node in found:
            if node.error:
                report.notice(f"replica {node.name}: {node.error}; not asked, not waited for")
        good = topo.usable(found)
        with db.advisory_lock(primary, "migrate", wait=wait):
            previous = status(dsn).current
            for i, (target, revision) in enumerate(steps):
                start = previous[0] if previous else None
                script = offline_sql(target, start=start,
                                     server_major=primary.info.server_version // 10000)
                relations = standby.access_exclusive_relations(script)
                for note in standby.predictions(revision, relations,
                                                standby.replica_uses(primary, good, relations)):
                    report.notice(f"WARNING: {note}")
                cfg = alembic_config(dsn, settings=settings, report=report,
                                     populate=populate and i == len(steps) - 1, wait=wait,
                                     topology=topology)
                cfg.attributes["lock_held"] = True
                with _alembic_errors(dsn):
                    if direction == "up":
                        command.upgrade(cfg, target)
                    else:
                        command.downgrade(cfg, target)
                previous = (target,) if target != "base" else ()
                if wait_replicas and good:
                    waited = standby.wait_replayed(primary, good, timeout=replica_wait,
                                                   revision=revision, on_notice=report.notice)
                    report.notice(f"revision {revision} replayed on {len(good)} replica(s) "
                                  f"after {waited:.2f} s")


def downgrade(dsn: str, target: str, *, settings: MigrateSettings | None = None,
              wait: bool = False, on_notice: Callable[[str], None] | None = None,
              on_step: Callable[[StepResult], None] | None = None,
              topology: Any = None) -> RunReport:
    """Undo revisions down to ``target`` ("base" undoes them all); the same role and pooler
    checks as ``upgrade``."""
    from alembic import command

    report = RunReport(on_notice=on_notice, on_step=on_step)
    cfg = alembic_config(dsn, settings=settings, report=report, populate=False, wait=wait,
                         topology=topology)
    with _alembic_errors(dsn):
        command.downgrade(cfg, target)
    return report


def offline_sql(target: str = "head", *, start: str | None = None,
                settings: MigrateSettings | None = None, server_major: int | None = None) -> str:
    """The SQL script alembic's ``--sql`` mode writes for ``start`` (default base) to ``target``."""
    from alembic import command

    buf = io.StringIO()
    cfg = alembic_config(None, settings=settings, output=buf)
    if server_major is not None:
        cfg.attributes["server_major"] = str(server_major)
    with _alembic_errors():
        rng = f"{start}:{target}" if start else target
        if _is_downgrade(start, target):
            command.downgrade(cfg, rng, sql=True)
        else:
            command.upgrade(cfg, rng, sql=True)
    return buf.getvalue()


def _is_downgrade(start: str | None, target: str) -> bool:
    if not start or start == "base" or start == target:
        return False
    if target == "base":
        return True
    script = script_directory()
    with _alembic_errors():
        below_start = {r.revision for r in script.iterate_revisions(start, "base")}
        target_rev = script.get_revision(target)
    return target_rev is not None and target_rev.revision in below_start


@dataclass(frozen=True)
class Revision:
    revision: str
    description: str
    data_loss: str | None


@dataclass(frozen=True)
class MigrationStatus:
    """Where a database stands: revisions, and objects a killed or partial run left behind."""

    target: str
    current: tuple[str, ...]
    head: tuple[str, ...]
    pending: tuple[Revision, ...]
    invalid_indexes: tuple[dict[str, Any], ...] = ()
    unpopulated_views: tuple[str, ...] = ()
    polish_search: str | None = None
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def clean(self) -> bool:
        return not (self.pending or self.invalid_indexes or self.unpopulated_views)

    def as_json(self) -> dict[str, Any]:
        """The status as ``pgwarden migrate status --json`` prints it."""
        from pgwarden.output import to_jsonable

        return {"target": self.target, "current": list(self.current), "head": list(self.head),
                "pending": to_jsonable(self.pending),
                "invalid_indexes": to_jsonable(self.invalid_indexes),
                "unpopulated_views": list(self.unpopulated_views),
                "polish_search": self.polish_search, "clean": self.clean}


def describe(script: Any) -> Revision:
    doc = (script.module.__doc__ or "").strip()
    first = doc.splitlines()[0] if doc else ""
    loss = None
    for line in doc.splitlines():
        if line.strip().lower().startswith("data loss:"):
            loss = line.strip()[len("data loss:"):].strip()
            if loss.lower().startswith("none"):  # "Data loss: none (...)" documents its absence
                loss = None
    return Revision(script.revision, first, loss)


def revisions_between(script: Any, upper: str, lower: str | None) -> list[Revision]:
    """Revisions above ``lower`` up to ``upper``, oldest first."""
    with _alembic_errors():
        found = list(script.iterate_revisions(upper, lower or "base"))
    return [describe(s) for s in reversed(found)]


def status(dsn: str) -> MigrationStatus:
    """Current and head revisions, pending revisions, invalid indexes, unpopulated views."""
    from alembic.runtime.migration import MigrationContext
    from sqlalchemy import create_engine
    from sqlalchemy.pool import NullPool

    script = script_directory()
    heads = tuple(script.get_heads())
    engine = create_engine("postgresql+psycopg://", poolclass=NullPool, creator=lambda: db.connect(
        dsn, application_name="pgwarden migrate", autocommit=True,
        row_factory=_tuple_row()))
    with _alembic_errors(dsn), engine.connect() as connection:
        ctx = MigrationContext.configure(connection)
        raw: Any = connection.connection.driver_connection
        try:
            current = tuple(ctx.get_current_heads())
        except Exception as exc:
            if not isinstance(getattr(exc, "orig", exc), pgerrors.LockNotAvailable):
                raise
            raise _version_table_busy(dsn) from None
        invalid = tuple({"schema": r[0], "index": r[1], "table": r[2], "definition": r[3],
                         "building_pid": r[4]}
                        for r in raw.execute(sqlfiles.load("migrate/invalid_indexes")))
        views = tuple(f"{r[0]}.{r[1]}" for r in raw.execute(sqlfiles.load("migrate/unpopulated_views")))
        polish_row = raw.execute(sqlfiles.load("schema/polish_search_mode")).fetchone()
    engine.dispose()
    pending: list[Revision] = []
    if len(current) <= 1:
        pending = revisions_between(script, "heads", current[0] if current else None)
    return MigrationStatus(target=db.describe_target(dsn), current=current, head=heads,
                           pending=tuple(pending), invalid_indexes=invalid,
                           unpopulated_views=views,
                           polish_search=polish_row[0] if polish_row else None)


def _version_table_busy(dsn: str) -> LockHeld:
    """alembic_version could not be read within lock_timeout: name who holds it."""
    with db.session(dsn, application_name="pgwarden migrate",
                    timeouts=db.Timeouts(lock_timeout=1, statement_timeout=10)) as conn:
        rows = conn.execute(sqlfiles.load("migrate/version_table_holders")).fetchall()
    if not rows:
        return LockHeld("alembic_version stayed locked past lock_timeout (the holder has gone "
                        "since)", hint="try again")
    r = rows[0]
    since = f", in a transaction for {r['xact_s']:.0f} s" if r["xact_s"] is not None else ""
    return LockHeld(f"alembic_version is locked by pid {r['pid']} ({r['mode']}, "
                    f"{r['state'] or 'state hidden'}{since}): another migration, or a forgotten "
                    "transaction", hint=f"wait for it, or end it with SELECT "
                    f"pg_terminate_backend({r['pid']})")


def _tuple_row() -> Any:
    from psycopg.rows import tuple_row

    return tuple_row


def plan_upgrade(dsn: str, target: str = "head") -> list[Revision]:
    """The revisions ``upgrade(dsn, target)`` would apply, oldest first (changes nothing)."""
    st = status(dsn)
    if len(st.current) > 1:
        raise UsageError("the database has several heads; resolve them with alembic first")
    script = script_directory()
    current = st.current[0] if st.current else None
    with _alembic_errors():
        if current is not None and target not in ("head", "heads"):
            script.get_revision(target)
            applied = {r.revision for r in script.iterate_revisions(current, "base")}
            if target in applied:
                return []
    return revisions_between(script, target, current)


def plan_downgrade(dsn: str, target: str) -> list[Revision]:
    """The revisions ``downgrade(dsn, target)`` would undo, newest first (changes nothing)."""
    st = status(dsn)
    if not st.current:
        return []
    script = script_directory()
    with _alembic_errors():
        if target != "base":
            script.get_revision(target)
        undone = revisions_between(script, st.current[0], None if target == "base" else target)
    return list(reversed([r for r in undone if r.revision != target]))
