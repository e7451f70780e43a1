"""Run maintenance tasks: lock, record, plan, execute (or just plan with --dry-run), report.

The public API behind ``pgwarden maintain``: ``run_tasks(dsn, ["cleanup"], settings, options)``.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from psycopg import errors as pgerrors

from pgwarden import sql as sqlfiles
from pgwarden.db import advisory_lock, read_server_facts
from pgwarden.errors import UsageError
from pgwarden.maintenance import state
from pgwarden.maintenance.base import (
    FAILED,
    NOT_NEEDED,
    PLANNED,
    SKIPPED,
    Budget,
    Context,
    Options,
    Outcome,
    Plan,
    Task,
    TaskResult,
    open_connection,
)
from pgwarden.maintenance.settings import MaintenanceSettings


def registry() -> dict[str, Task]:
    """The tasks, by name (one module each)."""
    from pgwarden.maintenance.cleanup import CleanupTask
    from pgwarden.maintenance.refresh import RefreshTask
    from pgwarden.maintenance.reindex import ReindexTask
    from pgwarden.maintenance.vacuum import VacuumTask

    tasks: list[Task] = [RefreshTask(), VacuumTask(), ReindexTask(), CleanupTask()]
    return {t.name: t for t in tasks}


@dataclass
class RunReport:
    results: list[TaskResult] = field(default_factory=list)
    reaped: list[int] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        bad = sum(r.count(SKIPPED) + r.count(FAILED) for r in self.results)
        return 3 if bad else 0

    def exit_codes(self) -> dict[str, int]:
        return {r.task: (3 if r.count(SKIPPED) + r.count(FAILED) else 0) for r in self.results}

    def summary_json(self, task: str) -> dict[str, Any]:
        """The last line of ``pgwarden maintain run --json``: the run as a whole."""
        return {"summary": True, "task": task, "exit_code": self.exit_code,
                "reaped_runs": list(self.reaped)}


def run_tasks(dsn: str, names: Sequence[str], settings: MaintenanceSettings, options: Options,
              *, budget_s: float | None = None, wait: bool = False,
              on_outcome: Callable[[Outcome], None] | None = None,
              on_plan: Callable[[Plan], None] | None = None,
              lock_name: str | None = None) -> RunReport:
    """Run ``names`` in order on one connection; each task holds its own advisory lock
    (``maintain:<task>``), and ``lock_name`` (``run``) is held around all of them."""
    tasks = registry()
    unknown = [n for n in names if n not in tasks]
    if unknown:
        raise UsageError(f"unknown maintenance task(s): {', '.join(unknown)} "
                         f"(known: {', '.join(sorted(tasks))})")
    report = RunReport()
    budget = Budget(budget_s if budget_s is not None else
                    (settings.budget.seconds if settings.budget is not None else None))
    conn = open_connection(dsn, settings)
    try:
        facts = read_server_facts(conn)
        ctx = Context(dsn=dsn, settings=settings, options=options, budget=budget, facts=facts,
                      conn=conn)
        outer = advisory_lock(conn, f"maintain:{lock_name}", wait=wait) if lock_name else None
        if outer is not None:
            outer.__enter__()
        try:
            exists = state.state_exists(conn)
            if not options.dry_run:
                state.ensure_state(conn)
                ctx.state_ready = True
                report.reaped = state.reap_killed_runs(conn)
            else:
                ctx.state_ready = exists["mview_refresh"]
            run_id = None
            if lock_name and not options.dry_run:
                run_id = state.start_run(conn, lock_name, {"tasks": list(names)})
            error: str | None = None
            try:
                for name in names:
                    report.results.append(_run_one(ctx, tasks[name], wait, on_outcome, on_plan))
            except BaseException as exc:
                error = f"{type(exc).__name__}: {exc}"
                raise
            finally:
                if run_id is not None and not conn.closed:
                    _finish_schedule(conn, run_id, report, error)
        finally:
            if outer is not None:
                outer.__exit__(None, None, None)
    finally:
        conn.close()
    return report


def _finish_schedule(conn: Any, run_id: int, report: RunReport, error: str | None) -> None:
    """Close the 'run' row of task_runs with the totals of its tasks."""
    rs = report.results
    done = sum(r.count("done") for r in rs)
    skipped = sum(r.count(SKIPPED) for r in rs)
    failed = sum(r.count(FAILED) for r in rs)
    outcome = "failed" if error else ("success" if not skipped + failed else "partial")
    try:
        if conn.info.transaction_status != 0:
            conn.rollback()
        detail: dict[str, Any] = {"task_run_ids": [r.run_id for r in rs]}
        if error:
            detail["error"] = error
        state.finish_run(conn, run_id, outcome=outcome, done=done, skipped=skipped, failed=failed,
                         rows=sum(r.rows for r in rs), detail=detail)
    except Exception:  # noqa: BLE001 - the row stays 'running'; reaped by the next run
        pass


def _run_one(ctx: Context, task: Task, wait: bool, on_outcome: Callable[[Outcome], None] | None,
             on_plan: Callable[[Plan], None] | None) -> TaskResult:
    result = TaskResult(task=task.name, dry_run=ctx.options.dry_run)
    t0 = time.monotonic()

    def report(o: Outcome) -> None:
        result.outcomes.append(o)
        if on_outcome is not None:
            on_outcome(o)

    with advisory_lock(ctx.conn, f"maintain:{task.name}", wait=wait):
        run_id = None
        if not ctx.options.dry_run:
            run_id = state.start_run(ctx.conn, task.name, {"options": _jsonable_options(ctx.options)})
            result.run_id = run_id
        error: str | None = None
        try:
            ctx.conn.execute(sqlfiles.load_for("maintenance/stats_flush", ctx.facts.version_num))
            plan = task.plan(ctx)
            if on_plan is not None:
                on_plan(plan)
            for a in plan.not_needed:
                report(Outcome.of(a, NOT_NEEDED))
            for a in plan.refused:
                report(Outcome.of(a, SKIPPED, message="refused: " + a.detail.get("refusal", a.reason)))
            if ctx.options.dry_run:
                for a in plan.actions:
                    report(Outcome.of(a, PLANNED))
            else:
                task.execute(plan, ctx, report)
        except pgerrors.InsufficientPrivilege as exc:
            error = str(exc)
            from pgwarden.db import translate_error

            mapped = translate_error(exc)
            raise (mapped or exc) from None
        except BaseException as exc:
            error = f"{type(exc).__name__}: {exc}"
            raise
        finally:
            result.duration = round(time.monotonic() - t0, 3)
            if run_id is not None and not ctx.conn.closed:
                try:
                    if ctx.conn.info.transaction_status != 0:
                        ctx.conn.rollback()
                    state.finish_run(
                        ctx.conn, run_id,
                        outcome="failed" if error else result.state,
                        done=result.count("done"), skipped=result.count(SKIPPED),
                        failed=result.count(FAILED), rows=result.rows,
                        detail={"error": error} if error else {})
                except Exception:  # noqa: BLE001 - the row stays 'running'; reaped next run
                    pass
    return result


def _jsonable_options(o: Options) -> dict[str, Any]:
    return {"force": o.force, "allow_blocking": o.allow_blocking, "jobs": o.jobs,
            "views": list(o.views), "tables": list(o.tables)}
