"""The seam every maintenance task plugs into: plans, outcomes, the run context.

A task is a small module exposing an object with ``name``, ``plan(ctx) -> Plan`` and
``execute(plan, ctx, report)``. ``plan`` reads facts from the database and hands them to pure
deciding functions; ``execute`` acts on the frozen plan and reports one ``Outcome`` per action as
it goes. Tasks are registered in ``pgwarden.maintenance.TASKS``.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

import psycopg
from psycopg import errors as pgerrors

from pgwarden.db import ServerFacts, Timeouts, connect, one_line
from pgwarden.maintenance.settings import MaintenanceSettings

T = TypeVar("T")

DONE, SKIPPED, FAILED, PLANNED = "done", "skipped", "failed", "planned"
NOT_NEEDED = "not-needed"  # decided against, with the reason; not a failure


@dataclass(frozen=True)
class Action:
    """One thing a task will do to one object, and why."""

    task: str
    action: str                 # e.g. "refresh concurrently", "vacuum", "delete expired rows"
    object: str                 # schema-qualified name
    reason: str
    detail: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Plan:
    """What a task decided: actions to perform, objects it decided to leave alone (with why)."""

    task: str
    actions: tuple[Action, ...] = ()
    not_needed: tuple[Action, ...] = ()   # reported, not acted on, not a failure
    refused: tuple[Action, ...] = ()      # needed but refused (e.g. blocking, no disk): counts as skipped


@dataclass
class Outcome:
    """What happened to one planned action."""

    task: str
    action: str
    object: str
    reason: str
    outcome: str                # done | skipped | failed | planned | not-needed
    duration: float = 0.0
    rows: int = 0
    message: str = ""

    @classmethod
    def of(cls, a: Action, outcome: str, *, duration: float = 0.0, rows: int = 0,
           message: str = "") -> Outcome:
        return cls(a.task, a.action, a.object, a.reason, outcome, round(duration, 3), rows, message)


@dataclass
class TaskResult:
    task: str
    dry_run: bool
    outcomes: list[Outcome] = field(default_factory=list)
    duration: float = 0.0
    run_id: int | None = None

    def count(self, outcome: str) -> int:
        return sum(1 for o in self.outcomes if o.outcome == outcome)

    @property
    def rows(self) -> int:
        return sum(o.rows for o in self.outcomes)

    def summary_json(self) -> dict[str, Any]:
        """The task's summary line of ``pgwarden maintain … --json`` (after its outcomes)."""
        return {"summary": True, "task": self.task, "dry_run": self.dry_run, "run_id": self.run_id,
                "done": self.count(DONE), "planned": self.count(PLANNED),
                "skipped": self.count(SKIPPED), "failed": self.count(FAILED), "rows": self.rows,
                "duration": self.duration}

    @property
    def state(self) -> str:
        """success | partial | failed, as recorded in pgwarden.task_runs."""
        bad = self.count(SKIPPED) + self.count(FAILED)
        if not bad:
            return "success"
        return "failed" if not self.count(DONE) and self.count(FAILED) else "partial"


class Budget:
    """Wall-clock budget: tasks stop *starting* work once it is spent."""

    def __init__(self, seconds: float | None):
        self.seconds = seconds
        self.deadline = None if seconds is None else time.monotonic() + seconds

    def spent(self) -> bool:
        return self.deadline is not None and time.monotonic() >= self.deadline

    def remaining(self) -> float | None:
        return None if self.deadline is None else max(0.0, self.deadline - time.monotonic())


@dataclass
class Options:
    """Command-line choices shared by the tasks."""

    dry_run: bool = False
    force: bool = False
    allow_blocking: bool = False
    jobs: int | None = None
    views: tuple[str, ...] = ()
    tables: tuple[str, ...] = ()
    progress: bool = True       # a progress bar on a terminal's stderr (off with --json)


@dataclass
class Context:
    """Everything a task needs: where, settings, options, the budget and a main connection."""

    dsn: str
    settings: MaintenanceSettings
    options: Options
    budget: Budget
    facts: ServerFacts
    conn: psycopg.Connection[Any]
    state_ready: bool = False

    def connect(self) -> psycopg.Connection[Any]:
        """Another connection with the maintenance session settings (for parallel workers)."""
        return open_connection(self.dsn, self.settings)

    def skip_reason_if_budget_spent(self) -> str | None:
        if self.budget.spent():
            return f"budget of {self.budget.seconds:g}s spent: not started"
        return None


Report = Callable[[Outcome], None]


class Task(Protocol):
    name: str

    def plan(self, ctx: Context) -> Plan: ...

    def execute(self, plan: Plan, ctx: Context, report: Report) -> None: ...


def open_connection(dsn: str, settings: MaintenanceSettings) -> psycopg.Connection[Any]:
    """A maintenance connection: short lock_timeout, and the backend aborts its work when the
    client vanishes (client_connection_check_interval), so kill -9 of pgwarden never leaves a
    REINDEX or DELETE running on its own."""
    conn = connect(dsn, timeouts=Timeouts(lock_timeout=settings.lock_timeout.seconds),
                   application_name="pgwarden maintain")
    with conn.cursor() as cur:
        cur.execute("SELECT set_config('client_connection_check_interval', '1000', false)")
    return conn


class LockRetriesExhausted(Exception):
    """A lock could not be taken within lock_timeout after every retry."""


def with_lock_retries(ctx: Context, fn: Callable[[], T], what: str) -> T:
    """Run ``fn``; when it fails with lock_timeout, wait and retry (never queue for long)."""
    s = ctx.settings
    tries = max(1, s.lock_retries)
    for attempt in range(1, tries + 1):
        try:
            return fn()
        except pgerrors.LockNotAvailable as exc:
            if attempt == tries:
                raise LockRetriesExhausted(
                    f"could not lock {what} within lock_timeout {s.lock_timeout} "
                    f"({tries} tries): another session holds a conflicting lock "
                    f"({one_line(exc.diag.message_primary or str(exc))})") from None
            time.sleep(s.retry_pause.seconds)
    raise AssertionError("unreachable")


def privilege_message(exc: pgerrors.InsufficientPrivilege, what: str) -> str:
    """Say exactly which privilege is missing for ``what``."""
    return f"permission denied for {what}: {one_line(exc.diag.message_primary or str(exc))}"


def qualified(schema: str, name: str) -> str:
    return f"{schema}.{name}"


def unknown_names(wanted: set[str], rows: list[Any], schema_key: str, name_key: str) -> list[str]:
    """The names given on the command line that match no row (as ``schema.name`` or ``name``),
    so that a mistyped table is an error instead of a silent no-op."""
    known = {r[name_key] for r in rows} | {qualified(r[schema_key], r[name_key]) for r in rows}
    return sorted(wanted - known)
