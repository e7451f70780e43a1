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

from pgwarden.db import ServerFacts, Timeouts, connect, one_line, read_server_facts
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
    task_run_id: int | None = None      # the task's row in pgwarden.task_runs (None: dry run)
    schedule_run_id: int | None = None  # the 'run' row when run by ``maintain run``
    guard: Any = None   # pgwarden.topology.guard.RoleGuard: is this node still the primary?

    def check_role(self) -> None:
        """Before each object and batch: raise ``Interrupted`` (exit 3) when this node stopped
        being the primary (a switchover) or the connection to it was lost."""
        if self.guard is not None:
            self.guard.check()

    def record_progress(self, rows: int) -> None:
        """Add ``rows`` to rows_affected of the task's (and the run's) task_runs row. Call it
        inside the transaction that did the work, so the count is exactly what committed."""
        ids = [i for i in (self.task_run_id, self.schedule_run_id) if i is not None]
        if ids and rows:
            from pgwarden import sql as sqlfiles

            self.conn.execute(sqlfiles.load("maintenance/task_run_progress"),
                              {"ids": ids, "rows": rows})

    def connect(self) -> psycopg.Connection[Any]:
        """Another connection with the maintenance session settings (for parallel workers)."""
        return open_connection(self.dsn, self.settings, self.facts)

    def skip_reason_if_budget_spent(self) -> str | None:
        """Asked before each object: the role check (raises), then the budget."""
        self.check_role()
        if self.budget.spent():
            return f"budget of {self.budget.seconds:g}s spent: not started"
        return None


Report = Callable[[Outcome], None]


class Task(Protocol):
    name: str

    def plan(self, ctx: Context) -> Plan: ...

    def execute(self, plan: Plan, ctx: Context, report: Report) -> None: ...


def open_session(dsn: str, settings: MaintenanceSettings
                 ) -> tuple[psycopg.Connection[Any], ServerFacts]:
    """A maintenance connection (see ``open_connection``) and the server's facts."""
    conn = connect(dsn, timeouts=Timeouts(lock_timeout=settings.lock_timeout.seconds),
                   application_name="pgwarden maintain")
    try:
        facts = read_server_facts(conn)
        apply_session_settings(conn, facts)
    except BaseException:
        conn.close()
        raise
    return conn, facts


def open_connection(dsn: str, settings: MaintenanceSettings,
                    facts: ServerFacts | None = None) -> psycopg.Connection[Any]:
    """A maintenance connection: short lock_timeout, and (PostgreSQL 14+) the backend aborts its
    work when the client vanishes, so kill -9 of pgwarden never leaves a REINDEX or DELETE
    running on its own. ``facts`` are read from the new connection when not given."""
    conn = connect(dsn, timeouts=Timeouts(lock_timeout=settings.lock_timeout.seconds),
                   application_name="pgwarden maintain")
    try:
        apply_session_settings(conn, facts or read_server_facts(conn))
    except BaseException:
        conn.close()
        raise
    return conn


def apply_session_settings(conn: psycopg.Connection[Any], facts: ServerFacts) -> None:
    """Settings every maintenance session gets, as far as the server has them.

    ``client_connection_check_interval`` exists from PostgreSQL 14 on: there a backend whose
    client died notices within a second, between two rows, and aborts (rolling back the
    batch, leaving an INVALID ``_ccnew`` that the next run drops). Before 14 the backend
    only notices when it next writes to the socket, i.e. when the statement ends."""
    if facts.has_client_connection_check:
        with conn.cursor() as cur:
            cur.execute("SELECT set_config('client_connection_check_interval', '1000', false)")


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


def raise_if_connection_lost(conn: psycopg.Connection[Any]) -> None:
    """Re-raise the error being handled when it cost the connection (the server restarted, the
    session was terminated): that ends the run (exit 4), it is not one object that failed."""
    if conn.broken or conn.closed:
        raise


def privilege_message(exc: pgerrors.InsufficientPrivilege, what: str) -> str:
    """Say exactly which privilege is missing for ``what``."""
    return f"permission denied for {what}: {one_line(exc.diag.message_primary or str(exc))}"


def qualified(schema: str, name: str) -> str:
    return f"{schema}.{name}"


def split_name(text: str) -> tuple[str | None, str] | None:
    """Pure: ``(schema, name)`` of ``text`` read as SQL reads a qualified name: ``"Mixed Case"``
    keeps its case and may hold dots, ``""`` is a quote inside quotes, unquoted parts are folded
    to lower case. ``None`` when ``text`` is not a valid (one- or two-part) SQL name."""
    parts: list[str] = []
    i, n = 0, len(text)
    while True:
        if i < n and text[i] == '"':
            j, buf = i + 1, []
            while True:
                k = text.find('"', j)
                if k < 0:
                    return None
                buf.append(text[j:k])
                if k + 1 < n and text[k + 1] == '"':
                    buf.append('"')
                    j = k + 2
                    continue
                i = k + 1
                break
            part = "".join(buf)
            if not part:
                return None
        else:
            j = i
            while j < n and text[j] != ".":
                j += 1
            part = text[i:j].strip()
            if not part or '"' in part or any(ch.isspace() for ch in part):
                return None
            part = part.lower()
            i = j
        parts.append(part)
        if i == n:
            break
        if text[i] != "." or len(parts) == 2:
            return None
        i += 1
    if len(parts) == 1:
        return None, parts[0]
    return parts[0], parts[1]


def name_matches(given: str, schema: str, name: str) -> bool:
    """Pure: whether ``given`` (from the command line) names ``schema.name``: verbatim
    (``Mixed Case``, ``app.events``) or as SQL would read it (``'"Mixed Case"'``,
    ``app."Events"``), the way cleanup policies name their tables."""
    if given in (name, qualified(schema, name)):
        return True
    parsed = split_name(given)
    if parsed is None:
        return False
    s, nm = parsed
    return nm == name and (s is None or s == schema)


def unknown_names(wanted: set[str], rows: list[Any], schema_key: str, name_key: str) -> list[str]:
    """The names given on the command line that match no row (as ``schema.name`` or ``name``,
    verbatim or SQL-quoted), so that a mistyped table is an error instead of a silent no-op."""
    return sorted(w for w in wanted
                  if not any(name_matches(w, r[schema_key], r[name_key]) for r in rows))


def wanted_match(wanted: set[str], schema: str, name: str) -> bool:
    """Whether any name in ``wanted`` names ``schema.name`` (see ``name_matches``)."""
    return any(name_matches(w, schema, name) for w in wanted)
