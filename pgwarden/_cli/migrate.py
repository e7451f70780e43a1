"""``pgwarden migrate up|down|status|sql``: thin shells over ``pgwarden.migrations.api``."""

from __future__ import annotations

from typing import Any

import click

from pgwarden._cli.common import app, dry_run_option, json_option, wait_option, writer_dsn
from pgwarden._cli.fleet import fleet_option


def _settings(lock_timeout: str | None, retries: int | None) -> Any:
    """[migrate] from pgwarden.toml with the command line's overrides applied."""
    base = app().config.section("migrate")
    overrides: dict[str, Any] = {}
    if lock_timeout is not None:
        overrides["lock_timeout"] = lock_timeout
    if retries is not None:
        overrides["retries"] = retries
    return base.with_overrides(overrides)


def _notice_printer(as_json: bool) -> Any:
    def show(text: str) -> None:
        if not as_json:
            click.echo(f"pgwarden: {text}", err=True)

    return show


lock_timeout_option = click.option(
    "--lock-timeout", metavar="DURATION",
    help="Longest wait for each lock inside a revision (default: [migrate] lock_timeout, 2s).")
retries_option = click.option(
    "--retries", type=click.IntRange(0, 100),
    help="Attempts after a lock timeout before giving up (default: [migrate] retries, 5).")
replica_option = click.option(
    "--replica", "replicas", multiple=True, metavar="DSN",
    help="A standby of this primary (repeatable; adds to [topology] replicas): warned about "
         "before each revision, waited for after it.")
no_wait_replicas_option = click.option(
    "--no-wait-replicas", is_flag=True,
    help="Do not wait for the replicas to replay each revision ([topology] replica_wait).")


def _replicas(extra: tuple[str, ...]) -> tuple[list[str], float]:
    from pgwarden.topology import nodes

    topo = app().config.section("topology")
    return nodes.replica_dsns(topo, extra), topo.replica_wait.seconds


@click.group()
def migrate() -> None:
    """Apply, undo and inspect the CMS schema's revisions with the lock-safe runner.

    Every revision runs in its own transaction with a short lock_timeout, retried with
    jittered back-off when a lock is busy; CONCURRENTLY index builds run outside it and
    rebuild an INVALID index a killed run left behind. up/down need the primary and a direct
    connection (not a transaction pooler: [topology] direct_url). Exit codes: 0 done, 1
    (status) something pending, 2 usage, a standby or a transaction pooler, 3 interrupted by a
    switchover, 4 cannot connect, 75 a lock stayed busy or another run is migrating.
    """


@migrate.command("up")
@click.argument("revision", default="head")
@lock_timeout_option
@retries_option
@click.option("--no-populate", is_flag=True,
              help="Leave new materialized views empty (pgwarden maintain refresh fills them).")
@replica_option
@no_wait_replicas_option
@wait_option
@dry_run_option
@json_option
@fleet_option
@click.option("--keep-going", is_flag=True,
              help="Fleet: go on with the other targets after one fails (default: stop).")
def up(revision: str, lock_timeout: str | None, retries: int | None, no_populate: bool,
       replicas: tuple[str, ...], no_wait_replicas: bool,
       wait: bool, dry_run: bool, as_json: bool, keep_going: bool) -> int:
    """Apply revisions up to REVISION (default: head). On a fleet: one target at a time
    unless --jobs, stopping at the first failure unless --keep-going."""
    from pgwarden.errors import UsageError
    from pgwarden.migrations import api
    from pgwarden.output import emit_json, progress

    if app().fleet is not None:
        from pgwarden._cli import fleet
        from pgwarden.fleet.commands import MigrateUp

        if dry_run or wait or replicas:
            raise UsageError("--dry-run, --wait and --replica answer for one database; on a "
                             "fleet, `migrate status` shows what is pending and each cluster's "
                             "[clusters.topology] names its replicas")
        work = MigrateUp(revision, populate=not no_populate, lock_timeout=lock_timeout,
                         retries=retries, wait_replicas=not no_wait_replicas)
        return fleet.run_command("migrate up", lambda timeout: work, as_json=as_json, jobs=1,
                                 should_start=fleet.stop_after_failure(keep_going),
                                 cancel=work.cancel)
    if keep_going:
        raise UsageError("--keep-going goes with --fleet FILE")
    dsn = writer_dsn()  # [topology] direct_url past PgBouncer, unless --dsn is given
    topology = app().config.section("topology")
    settings = _settings(lock_timeout, retries)
    pending = api.plan_upgrade(dsn, revision)
    if dry_run:
        if as_json:
            emit_json({"dry_run": True, "target": revision, "pending": pending,
                       "settings": settings})
        else:
            _print_plan("would apply", pending, settings)
        return 0
    with progress("migrating", len(pending), enabled=not as_json) as advance:
        replica_dsns, replica_wait = _replicas(replicas)
        report = api.upgrade(dsn, revision, settings=settings, populate=not no_populate, wait=wait,
                             on_notice=_notice_printer(as_json),
                             on_step=lambda step: advance(description=f"applied {step.revision}"),
                             replicas=replica_dsns, wait_replicas=not no_wait_replicas,
                             replica_wait=replica_wait, topology=topology)
    st = api.status(dsn)
    if as_json:
        emit_json({"report": _report_json(report), "current": st.current, "head": st.head})
        return 0
    for step in report.steps:
        again = f", {step.attempts} attempts" if step.attempts > 1 else ""
        click.echo(f"applied {step.revision}  {step.description}  ({step.seconds:.2f}s{again})")
    if not report.steps:
        click.echo("nothing to apply")
    click.echo(f"database is at {', '.join(st.current) or 'base'}"
               f"{' (head)' if st.current == st.head else ''}")
    return 0


@migrate.command("down")
@click.argument("revision")
@lock_timeout_option
@retries_option
@click.option("--yes", is_flag=True, help="Confirm a downgrade whose revisions destroy data.")
@wait_option
@dry_run_option
@json_option
def down(revision: str, lock_timeout: str | None, retries: int | None, yes: bool, wait: bool,
         dry_run: bool, as_json: bool) -> int:
    """Undo revisions down to REVISION ("base" undoes them all)."""
    from pgwarden.errors import UsageError
    from pgwarden.migrations import api
    from pgwarden.output import emit_json

    dsn = writer_dsn()  # [topology] direct_url past PgBouncer, unless --dsn is given
    topology = app().config.section("topology")
    settings = _settings(lock_timeout, retries)
    undo = api.plan_downgrade(dsn, revision)
    losing = [r for r in undo if r.data_loss]
    if dry_run:
        if as_json:
            emit_json({"dry_run": True, "target": revision, "undo": undo, "settings": settings})
        else:
            _print_plan("would undo", undo, settings)
        return 0
    if losing and not yes:
        which = "; ".join(f"{r.revision}: {r.data_loss}" for r in losing)
        raise UsageError(f"this downgrade destroys data ({which})",
                         hint="pass --yes to go ahead, --dry-run to see the plan")
    report = api.downgrade(dsn, revision, settings=settings, wait=wait,
                           on_notice=_notice_printer(as_json), topology=topology)
    st = api.status(dsn)
    if as_json:
        emit_json({"report": _report_json(report), "current": st.current, "head": st.head})
        return 0
    for step in report.steps:
        click.echo(f"undid {step.revision}  {step.description}  ({step.seconds:.2f}s)")
    if not report.steps:
        click.echo("nothing to undo")
    click.echo(f"database is at {', '.join(st.current) or 'base'}")
    return 0


@migrate.command("status")
@json_option
@fleet_option
def status(as_json: bool) -> int:
    """Current and head revisions, pending revisions, INVALID indexes and unpopulated
    materialized views. Exit 0 when up to date and clean, 1 otherwise."""
    from pgwarden.migrations import api
    from pgwarden.output import emit_json

    if app().fleet is not None:
        from pgwarden._cli import fleet
        from pgwarden.fleet import commands

        return fleet.run_command("migrate status", lambda timeout: commands.migrate_status(),
                                 as_json=as_json)
    st = api.status(app().dsn)
    code = 0 if st.clean else 1
    if as_json:
        emit_json(st.as_json())
        return code
    click.echo(f"{st.target}")
    click.echo(f"  current: {', '.join(st.current) or 'base (no revision applied)'}")
    click.echo(f"  head:    {', '.join(st.head)}")
    if st.pending:
        click.echo(f"  pending: {len(st.pending)} revision(s)")
        for rev in st.pending:
            click.echo(f"    {rev.revision}  {rev.description}")
    else:
        click.echo("  pending: none")
    for ix in st.invalid_indexes:
        if ix.get("building_pid"):
            click.echo(f"  index {ix['schema']}.{ix['index']} on {ix['table']}: still being "
                       f"built by pid {ix['building_pid']} (not valid until it finishes; "
                       "`pgwarden migrate up` waits for it)")
        else:
            click.echo(f"  INVALID index {ix['schema']}.{ix['index']} on {ix['table']}: a killed "
                       "CONCURRENTLY build; `pgwarden migrate up` rebuilds it")
    for view in st.unpopulated_views:
        click.echo(f"  unpopulated materialized view {view}: `pgwarden migrate up` or "
                   "`pgwarden maintain refresh` fills it")
    if st.polish_search:
        click.echo(f"  Polish search: {st.polish_search}")
    return code


@migrate.command("sql")
@click.argument("revision", default="head")
@click.option("--from", "start", metavar="REVISION",
              help="Start from this revision instead of an empty database.")
@click.option("--server-major", type=click.IntRange(13, 99),
              help="PostgreSQL major version the script is for (picks version-specific SQL; "
                   "default 18).")
@lock_timeout_option
def sql(revision: str, start: str | None, server_major: int | None,
        lock_timeout: str | None) -> int:
    """Print the SQL script for base (or --from) to REVISION without connecting (alembic's
    offline mode), for review or for a DBA to run with psql."""
    from pgwarden.migrations import api

    settings = _settings(lock_timeout, None)
    click.echo(api.offline_sql(revision, start=start, settings=settings,
                               server_major=server_major), nl=False)
    return 0


def _print_plan(verb: str, revisions: list[Any], settings: Any) -> None:
    if not revisions:
        click.echo(f"nothing: {verb} no revision")
        return
    click.echo(f"{verb} {len(revisions)} revision(s), lock_timeout {settings.lock_timeout}, "
               f"{settings.retries} retries:")
    for rev in revisions:
        loss = f"   DATA LOSS: {rev.data_loss}" if rev.data_loss and verb == "would undo" else ""
        click.echo(f"  {rev.revision}  {rev.description}{loss}")


def _report_json(report: Any) -> dict[str, Any]:
    return {"steps": report.steps, "retries": report.retries, "notices": report.notices,
            "populated_views": report.populated_views,
            "unpopulated_views": report.unpopulated_views}
