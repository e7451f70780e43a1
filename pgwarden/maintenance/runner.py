"""Run maintenance tasks: lock, record, plan, execute (or just plan with --dry-run), report.

The public API behind ``pgwarden maintain``: ``run_tasks(dsn, ["cleanup"], settings, options)``.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from typing import Any

import psycopg
from psycopg import errors as pgerrors

from pgwarden import sql as sqlfiles
from pgwarden.db import advisory_lock
from pgwarden.errors import LockHeld, PgwardenError, Terminated, UsageError
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
    open_session,
)
from pgwarden.maintenance.settings import MaintenanceSettings
from pgwarden.topology.guard import Interrupted, RoleGuard, record_interruption
from pgwarden.topology.pooler import refuse_if_pooled
from pgwarden.topology.role import StandbyError


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
    """What a run did so far: filled while it runs, so that a caller still has the results
    (for metrics, for the summary) when the run is interrupted."""

    results: list[TaskResult] = field(default_factory=list)
    reaped: list[int] = field(default_factory=list)
    # task -> why it was not run at all (its lock was held by another run)
    skipped_tasks: dict[str, str] = field(default_factory=dict)
    interrupted: str | None = None     # the task running when an exception ended the run
    standby: str | None = None         # the node is not the primary: nothing was run (exit 0)
    role_change: str | None = None     # stopped mid-run: the node stopped being the primary (3)

    @property
    def status(self) -> str:
        """``skipped: standby``, ``interrupted`` (by a switchover) or ``ran``."""
        return ("skipped: standby" if self.standby else "interrupted" if self.role_change
                else "ran")

    @property
    def exit_code(self) -> int:
        bad = sum(r.count(SKIPPED) + r.count(FAILED) for r in self.results)
        return 3 if bad or self.role_change else 0

    def exit_codes(self, error_code: int | None = None) -> dict[str, int]:
        """Per task: 0 done, 3 partial; ``error_code`` for the task an error interrupted."""
        codes = {r.task: (3 if r.count(SKIPPED) + r.count(FAILED) else 0) for r in self.results}
        if error_code is not None and self.interrupted is not None:
            codes[self.interrupted] = error_code
        if self.role_change and self.interrupted is not None:
            codes[self.interrupted] = 3
        return codes

    def summary_json(self, task: str) -> dict[str, Any]:
        """The last line of ``pgwarden maintain run --json``: the run as a whole."""
        out: dict[str, Any] = {"summary": True, "task": task, "exit_code": self.exit_code,
                               "reaped_runs": list(self.reaped)}
        if self.standby or self.role_change:
            out.update(status=self.status, reason=self.standby or self.role_change)
        return out


def run_tasks(dsn: str, names: Sequence[str], settings: MaintenanceSettings, options: Options,
              *, budget_s: float | None = None, wait: bool = False,
              on_outcome: Callable[[Outcome], None] | None = None,
              on_plan: Callable[[Plan], None] | None = None,
              lock_name: str | None = None, report: RunReport | None = None,
              topology: Any = None) -> RunReport:
    """Run ``names`` in order on one connection; each task holds its own advisory lock
    (``maintain:<task>``). With ``lock_name`` (``run``) that lock is held around all of them,
    and the run takes every task's lock up front and keeps it to the end, so a standalone
    ``maintain <task>`` started during the run exits 75; a task whose lock another run holds
    when the run reaches it is skipped and reported, and the others still run (exit 3).
    ``report`` is filled as the run goes.

    ``topology`` ([topology]): through a transaction-pooling pooler the run refuses
    (``PoolerError``, exit 2). On a standby (or a member Patroni does not name leader) it runs
    nothing and sets ``report.standby`` (exit 0): one cron entry serves every node. The role is
    asked again before each object and batch; a switchover mid-run stops the run with
    ``report.role_change`` set (exit 3), its task_runs rows closed as interrupted on the new
    primary when it can be reached (else by the next run's reaper)."""
    tasks = registry()
    unknown = [n for n in names if n not in tasks]
    if unknown:
        raise UsageError(f"unknown maintenance task(s): {', '.join(unknown)} "
                         f"(known: {', '.join(sorted(tasks))})")
    report = report if report is not None else RunReport()
    budget = Budget(budget_s if budget_s is not None else
                    (settings.budget.seconds if settings.budget is not None else None))
    conn, facts = open_session(dsn, settings)
    what = f"maintain {lock_name or ' '.join(names)}"
    try:
        refuse_if_pooled(conn, dsn, what=what)
        guard = RoleGuard(conn, topology, what=what, dsn=dsn)
        try:
            guard.check_start()
        except StandbyError as exc:
            report.standby = exc.one_line()
            report.results = [TaskResult(task=n, dry_run=options.dry_run) for n in names]
            return report
        ctx = Context(dsn=dsn, settings=settings, options=options, budget=budget, facts=facts,
                      conn=conn, guard=guard)
        server_pid = conn.info.backend_pid
        with ExitStack() as held:
            if lock_name:
                held.enter_context(advisory_lock(conn, f"maintain:{lock_name}", wait=wait))
            # the run's own task locks, taken now when free and kept to the end of the run: a
            # standalone task meanwhile exits 75, before or after the run's turn for it
            early: dict[str, ExitStack] = {}
            if lock_name:
                for name in names:
                    taken = _try_lock(conn, name, wait=False)
                    if isinstance(taken, ExitStack):
                        early[name] = held.enter_context(taken)
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
            ctx.schedule_run_id = run_id
            error: str | None = None
            try:
                for name in names:
                    report.interrupted = name
                    if lock_name and name not in early:
                        taken = _try_lock(conn, name, wait=wait)
                        if isinstance(taken, LockHeld):
                            report.results.append(_lock_skipped(ctx, name, taken, on_outcome))
                            report.skipped_tasks[name] = taken.one_line()
                            continue
                        early[name] = held.enter_context(taken)
                    _run_one(ctx, tasks[name], wait, on_outcome, on_plan, report,
                             locked=name in early)
                report.interrupted = None
            except (Interrupted, psycopg.OperationalError) as exc:
                if not isinstance(exc, Interrupted):
                    # the connection died: a switchover (the primary is gone), else re-raise
                    if not (conn.closed or conn.broken) or not guard.primary_gone():
                        error = _describe(exc)
                        raise
                    exc = guard.lost(exc)
                error = report.role_change = exc.one_line()
                ids = [i for i in [run_id, *(r.run_id for r in report.results)] if i]
                record_interruption(dsn, topology, ids, server_pid, error)
            except BaseException as exc:
                error = _describe(exc)
                raise
            finally:
                if run_id is not None and not conn.closed:
                    _finish_schedule(conn, run_id, report, error)
    finally:
        conn.close()
    return report


def _try_lock(conn: Any, name: str, *, wait: bool) -> ExitStack | LockHeld:
    """Take ``maintain:<name>``: an ExitStack that releases it, or the LockHeld naming the holder."""
    stack = ExitStack()
    try:
        stack.enter_context(advisory_lock(conn, f"maintain:{name}", wait=wait))
    except LockHeld as exc:
        return exc
    return stack


def _describe(exc: BaseException) -> str:
    """What ended a run, for task_runs.detail.error (and so for health)."""
    if isinstance(exc, Terminated):
        return "terminated by SIGTERM"
    if isinstance(exc, KeyboardInterrupt):
        return "interrupted (SIGINT)"
    if isinstance(exc, PgwardenError):
        return exc.one_line()
    return f"{type(exc).__name__}: {' '.join(str(exc).split())}"


def _lock_skipped(ctx: Context, name: str, exc: LockHeld,
                  on_outcome: Callable[[Outcome], None] | None) -> TaskResult:
    """The result of a task a run could not start because another run holds its lock."""
    o = Outcome(name, "run task", f"maintain:{name}",
                "its lock is held by another run: not started", SKIPPED, message=exc.one_line())
    if on_outcome is not None:
        on_outcome(o)
    return TaskResult(task=name, dry_run=ctx.options.dry_run, outcomes=[o])


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
        detail: dict[str, Any] = {"task_run_ids": [r.run_id for r in rs if r.run_id]}
        if error:
            detail["error"] = error
        if report.skipped_tasks:
            detail["skipped_tasks"] = report.skipped_tasks
        state.finish_run(conn, run_id, outcome=outcome, done=done, skipped=skipped, failed=failed,
                         rows=sum(r.rows for r in rs), detail=detail)
    except Exception:  # noqa: BLE001 - the row stays 'running'; reaped by the next run
        pass


def _run_one(ctx: Context, task: Task, wait: bool, on_outcome: Callable[[Outcome], None] | None,
             on_plan: Callable[[Plan], None] | None, run_report: RunReport,
             *, locked: bool = False) -> TaskResult:
    result = TaskResult(task=task.name, dry_run=ctx.options.dry_run)
    run_report.results.append(result)
    t0 = time.monotonic()

    def report(o: Outcome) -> None:
        result.outcomes.append(o)
        if on_outcome is not None:
            on_outcome(o)

    with ExitStack() as stack:
        if not locked:
            stack.enter_context(advisory_lock(ctx.conn, f"maintain:{task.name}", wait=wait))
        run_id = None
        if not ctx.options.dry_run:
            run_id = state.start_run(ctx.conn, task.name, {"options": _jsonable_options(ctx.options)})
            result.run_id = run_id
        ctx.task_run_id = run_id
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
                ctx.check_role()  # a batch the switchover cut short: say why the run stops
        except pgerrors.InsufficientPrivilege as exc:
            error = str(exc)
            from pgwarden.db import translate_error

            mapped = translate_error(exc)
            raise (mapped or exc) from None
        except BaseException as exc:
            error = _describe(exc)
            raise
        finally:
            ctx.task_run_id = None
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
