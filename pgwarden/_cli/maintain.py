"""``pgwarden maintain refresh|vacuum|reindex|cleanup|run``: thin click shells over
``pgwarden.maintenance.run_tasks``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from pgwarden._cli.common import (
    app,
    budget_option,
    dry_run_option,
    json_option,
    wait_option,
    writer_dsn,
)
from pgwarden._cli.fleet import fleet_option

metrics_option = click.option(
    "--metrics-file", metavar="PATH", type=click.Path(dir_okay=False),
    help="Write Prometheus textfile metrics here (atomically), for node_exporter.")


def _common(f: Callable[..., Any]) -> Callable[..., Any]:
    for deco in (metrics_option, wait_option, budget_option, dry_run_option, json_option):
        f = deco(f)
    return f


@click.group()
def maintain() -> None:
    """Maintenance cron can run unattended: each subcommand reads the statistics, decides what
    needs doing and why (--dry-run shows the plan), then does it without blocking the
    application. Exit 0 when everything planned succeeded (or, on a standby, "skipped:
    standby": one cron entry serves every node), 3 when some object was skipped or failed or a
    switchover stopped the run, 75 when another run holds the lock."""


def _run(names: list[str], *, as_json: bool, dry_run: bool, budget: float | None, wait: bool,
         metrics_file: str | None, lock_name: str | None = None, **opts: Any) -> int:
    from pgwarden._cli import signals
    from pgwarden.maintenance import Options, Outcome, RunReport, run_tasks
    from pgwarden.maintenance.metrics import exit_code_of, write_metrics
    from pgwarden.output import console, emit_json

    a = app()
    settings = a.config.section("maintenance")
    options = Options(dry_run=dry_run, progress=not as_json, **opts)
    out = None if as_json else console()
    colours = {"not-needed": "dim", "done": "green", "planned": "cyan", "skipped": "yellow", "failed": "red"}

    def on_outcome(o: Outcome) -> None:
        if as_json:
            emit_json(o, lines=True)
            return
        assert out is not None
        from rich.markup import escape

        extra = f" — {escape(o.message)}" if o.message else ""
        rows = f", {o.rows} rows" if o.rows else ""
        took = f" ({o.duration:.2f}s{rows})" if o.outcome != "planned" else ""
        out.print(f"[{colours.get(o.outcome, 'white')}]{o.outcome:8}[/] {o.task:8} {o.action} "
                  f"[bold]{escape(o.object)}[/]: {escape(o.reason)}{took}{extra}", soft_wrap=True)

    report = RunReport()
    code: int | None = None
    try:
        # [topology] direct_url past PgBouncer unless --dsn; a standby stands aside (exit 0)
        run_tasks(writer_dsn(), names, settings, options, budget_s=budget, wait=wait,
                  on_outcome=on_outcome, lock_name=lock_name, report=report,
                  topology=a.config.section("topology"))
        signals.finished()  # the work is done: a SIGTERM now does not change the result
        code = report.exit_code
    except BaseException as exc:
        code = exit_code_of(exc)
        raise
    finally:
        if metrics_file and not dry_run:
            # on every exit, an interrupted or refused run too: its exit code is the alert
            final = 70 if code is None else code
            started = {r.task for r in report.results}
            others = {n: final for n in names if n not in started}
            if lock_name:
                others[lock_name] = final  # the run as a whole
            write_metrics(metrics_file, report.results, report.exit_codes(final), others=others,
                          skipped_standby=report.standby is not None)
    if report.standby or report.role_change:
        # one cron entry on every node: a standby stands aside (exit 0); a switchover mid-run
        # stops the run (exit 3) and the next run on the new primary converges
        why = report.standby or report.role_change or ""
        if as_json:
            if report.standby:  # (an interrupted run says it in its last summary line)
                emit_json(report.summary_json(lock_name or " ".join(names)), lines=True)
        else:
            from rich.markup import escape as escape_markup

            assert out is not None
            out.print(f"{report.status}: {escape_markup(why)}", soft_wrap=True)
        if report.standby:
            return report.exit_code
    for r in report.results:
        summary = r.summary_json()
        if as_json:
            emit_json(summary, lines=True)
        else:
            assert out is not None
            out.print(f"{r.task}: {summary['done']} done, {summary['planned']} planned, "
                      f"{summary['skipped']} skipped, {summary['failed']} failed, {r.rows} rows, "
                      f"{r.duration:.2f}s")
    if as_json and (len(report.results) != 1 or report.role_change):
        emit_json(report.summary_json(lock_name or "all"), lines=True)
    return report.exit_code


@maintain.command()
@click.argument("views", nargs=-1)
@click.option("--force", is_flag=True, help="Refresh even when the inputs have not changed.")
@click.option("--allow-blocking", is_flag=True,
              help="Refresh views without a usable unique index (blocks their readers).")
@_common
def refresh(views: tuple[str, ...], force: bool, allow_blocking: bool, **kw: Any) -> int:
    """Refresh materialized views in dependency order, CONCURRENTLY when a usable unique index
    exists, skipping views whose inputs have not changed since the last refresh."""
    return _run(["refresh"], views=views, force=force, allow_blocking=allow_blocking, **kw)


@maintain.command()
@click.argument("tables", nargs=-1)
@click.option("--jobs", "-j", type=click.IntRange(1, 64), default=None,
              help="Parallel connections (default: maintenance.vacuum.jobs).")
@_common
def vacuum(tables: tuple[str, ...], jobs: int | None, **kw: Any) -> int:
    """VACUUM (ANALYZE, SKIP_LOCKED) the tables that need it: wraparound danger first, then dead
    tuples and modifications since the last analyze."""
    return _run(["vacuum"], tables=tables, jobs=jobs, **kw)


@maintain.command()
@click.argument("tables", nargs=-1)
@_common
def reindex(tables: tuple[str, ...], **kw: Any) -> int:
    """REINDEX CONCURRENTLY invalid and bloated indexes (bloat estimate trusted only with fresh
    statistics; pgstattuple confirms), drop leftovers of a cancelled REINDEX CONCURRENTLY, and
    refuse when the disk could not hold the new index."""
    return _run(["reindex"], tables=tables, **kw)


@maintain.command()
@click.argument("policies", nargs=-1)
@_common
def cleanup(policies: tuple[str, ...], **kw: Any) -> int:
    """Delete rows past their retention ([[maintenance.cleanup.policies]]) in small keyset
    batches, one transaction each, with a pause between batches."""
    return _run(["cleanup"], tables=policies, **kw)


@maintain.command("run")
@click.option("--force", is_flag=True, help="refresh: refresh even when inputs are unchanged.")
@click.option("--allow-blocking", is_flag=True, help="refresh: allow blocking refreshes.")
@click.option("--jobs", "-j", type=click.IntRange(1, 64), default=None, help="vacuum: parallel connections.")
@_common
@fleet_option
def run_(force: bool, allow_blocking: bool, jobs: int | None, **kw: Any) -> int:
    """Everything [maintenance.run] schedules, in order (default: cleanup, vacuum, refresh,
    reindex), as one cron entry."""
    if app().fleet is not None:
        from pgwarden._cli import fleet
        from pgwarden.errors import UsageError
        from pgwarden.fleet import commands

        if kw.get("wait") or kw.get("metrics_file"):
            raise UsageError("--wait and --metrics-file answer for one database; on a fleet "
                             "a held lock is a 'locked' row")
        return fleet.run_command(
            "maintain run", lambda timeout: commands.maintain_run(
                dry_run=kw["dry_run"], force=force, allow_blocking=allow_blocking, jobs=jobs),
            as_json=kw["as_json"], should_start=fleet.fleet_budget(kw.get("budget")))
    settings = app().config.section("maintenance")
    if kw.get("budget") is None and settings.run.budget is not None:
        kw["budget"] = settings.run.budget.seconds
    return _run(list(settings.run.tasks), lock_name="run", force=force,
                allow_blocking=allow_blocking, jobs=jobs, **kw)
