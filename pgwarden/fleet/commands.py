"""Each fleet command: the single-target API call for one target, its result as a row.

The functions here call exactly what the single-target commands call (``health.run``,
``analyzers.indexes.report``, ``advisor.advise``, ``migrations.api``, ``run_tasks``) with the
target's merged settings, and map the result to a row; exceptions are mapped by the runner.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from pgwarden.fleet.model import FINDINGS, OK, PARTIAL, STANDBY, Row, Target, row_for


def _bounded(section: Any, timeout: float | None) -> Any:
    """``section`` with its statement_timeout no longer than the fleet's per-target timeout."""
    if timeout is None or not hasattr(section, "statement_timeout"):
        return section
    from pgwarden.config import Duration

    current = section.statement_timeout.seconds
    if current and current <= timeout:
        return section
    return replace(section, statement_timeout=Duration(f"{max(1, int(timeout * 1000))}ms"))


def writer_dsn(t: Target) -> str:
    """Where a command that writes connects: the cluster's ``[topology] direct_url`` (past
    PgBouncer) for this target's database when there is one, else the target's DSN."""
    direct = getattr(t.config.section("topology"), "direct_url", None)
    if not direct:
        return t.dsn
    from psycopg.conninfo import make_conninfo

    return make_conninfo(str(direct), dbname=t.database) if t.database else str(direct)


# -- health -------------------------------------------------------------------------------------

def health(checks: Sequence[str] = (), timeout: float | None = None) -> Callable[[Target], Row]:
    from pgwarden.health import Status, run

    def work(t: Target) -> Row:
        report = run(t.dsn, _bounded(t.config.section("health"), timeout), list(checks) or None)
        status = {Status.OK: OK, Status.WARNING: FINDINGS, Status.CRITICAL: FINDINGS,
                  Status.UNKNOWN: PARTIAL}[report.status]
        bad = [r for r in report.results if r.status is not Status.OK]
        bad.sort(key=lambda r: -r.status.severity)
        msg = "; ".join(f"{r.name} {r.status.name}: {r.summary}" for r in bad) or \
            f"{len(report.results)} check(s) OK"
        return row_for(t, status, msg, detail={
            "health": report.status.name, "server_version": report.server_version,
            "checks": {r.name: {"status": r.status.name, "summary": r.summary, "fix": r.fix}
                       for r in report.results}})

    return work


# -- indexes ------------------------------------------------------------------------------------

def indexes(min_stats_age_s: float | None = None) -> Callable[[Target], Row]:
    """Index hygiene across each target's nodes: its ``[topology] replicas`` count too."""
    from pgwarden.analyzers.indexes import report
    from pgwarden.topology.nodes import replica_dsns

    def work(t: Target) -> Row:
        age = min_stats_age_s if min_stats_age_s is not None else \
            t.config.section("indexes").min_stats_age.seconds
        r = report(t.dsn, replicas=replica_dsns(t.config.section("topology")),
                   min_stats_age_s=age)
        kinds: dict[str, int] = {}
        for f in r.findings:
            kinds[f.kind] = kinds.get(f.kind, 0) + 1
        text = ", ".join(f"{n} {k}" for k, n in sorted(kinds.items()))
        msg = (f"{text} ({r.reclaimable_bytes / 1024:,.0f} kB reclaimable) of "
               f"{r.indexes_checked} indexes") if r.findings else \
            f"{r.indexes_checked} indexes checked, nothing to drop"
        # 'unknown' (a replica unreadable, counters too young) has no DROP: not a finding
        return row_for(t, FINDINGS if r.actionable else OK, msg, detail={
            "indexes_checked": r.indexes_checked, "reclaimable_bytes": r.reclaimable_bytes,
            "stats_since": r.stats_since,
            "findings": [{"kind": f.kind, "index": f.index, "table": f.table, "bytes": f.bytes,
                          "why": f.why, "fix": f.fix} for f in r.findings]})

    return work


# -- advise -------------------------------------------------------------------------------------

def advise(**options: Any) -> Callable[[Target], Row]:
    from pgwarden.analyzers.advisor import advise as run_advice
    from pgwarden.analyzers.advisor import render

    def work(t: Target) -> Row:
        import dataclasses

        from pgwarden.analyzers.advisor.pipeline import gather_workload
        from pgwarden.topology.nodes import replica_dsns

        settings = t.config.section("advise")
        nodes = replica_dsns(t.config.section("topology"))
        notes: list[str] = []
        workload = None
        if nodes and options.get("queries_file") is None:
            # the replicas' read workload counts too, planned on the primary (as advise does)
            min_calls = options.get("min_calls")
            workload = gather_workload(
                t.dsn, nodes, min_calls=min_calls if min_calls is not None else settings.min_calls,
                min_total_ms=options.get("min_total_ms", 0.0), top=options.get("top"),
                notes=notes)
        advice = run_advice(t.dsn, settings=settings, workload=workload, **options)
        if notes:
            advice = dataclasses.replace(advice, notes=(*notes, *advice.notes))
        lines = render.sql_lines(advice)
        msg = (f"{len(advice.kept)} index(es) suggested from {len(advice.queries)} statement(s)"
               if lines else f"no index suggested ({len(advice.queries)} statement(s))")
        return row_for(t, OK, msg, detail={"suggested": lines, "notes": list(advice.notes),
                                           "statements": len(advice.queries),
                                           "validated_with_hypopg": advice.validated})

    return work


# -- migrate ------------------------------------------------------------------------------------

def migrate_status() -> Callable[[Target], Row]:
    from pgwarden.migrations import api

    def work(t: Target) -> Row:
        st = api.status(t.dsn)
        where = ", ".join(st.current) or "base"
        problems = []
        if st.pending:
            problems.append(f"{len(st.pending)} pending")
        if st.invalid_indexes:
            problems.append(f"{len(st.invalid_indexes)} INVALID index(es)")
        if st.unpopulated_views:
            problems.append(f"{len(st.unpopulated_views)} unpopulated view(s)")
        msg = f"at {where}" + (f" ({', '.join(problems)})" if problems else
                               (" (head)" if st.current == st.head else ""))
        return row_for(t, OK if st.clean else FINDINGS, msg, detail={
            "current": st.current, "head": st.head,
            "pending": [r.revision for r in st.pending],
            "invalid_indexes": [f"{i['schema']}.{i['index']}" for i in st.invalid_indexes],
            "unpopulated_views": st.unpopulated_views})

    return work


@dataclass
class MigrateUp:
    """``migrate up`` per target, each in its own pgwarden process.

    alembic keeps its migration context in module globals (``alembic.context``, ``op``), so
    two upgrades cannot share a process; a process is also what a deadline can stop cleanly:
    SIGTERM cancels the running statement and the revision's transaction rolls back (a
    re-run converges, rebuilding any INVALID index a CONCURRENTLY build left)."""

    revision: str = "head"
    populate: bool = True
    lock_timeout: str | None = None
    retries: int | None = None
    wait_replicas: bool = True

    def __post_init__(self) -> None:
        self._procs: dict[str, subprocess.Popen[str]] = {}
        self._lock = threading.Lock()

    def __call__(self, t: Target) -> Row:
        from pgwarden.errors import PgwardenError
        from pgwarden.output import to_jsonable

        settings = t.config.section("migrate")
        overrides: dict[str, Any] = {}
        if self.lock_timeout is not None:
            overrides["lock_timeout"] = self.lock_timeout
        if self.retries is not None:
            overrides["retries"] = self.retries
        settings = settings.with_overrides(overrides)
        from pgwarden.topology.nodes import replica_dsns

        topology = t.config.section("topology")
        job = {"dsn": writer_dsn(t), "revision": self.revision, "populate": self.populate,
               "settings": to_jsonable(settings), "replicas": replica_dsns(topology),
               "wait_replicas": self.wait_replicas,
               "replica_wait": topology.replica_wait.seconds}
        # the DSN travels on stdin, never on the command line (ps shows argv to every user)
        proc = subprocess.Popen([sys.executable, "-m", "pgwarden.fleet._migrate_worker"],
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                stderr=subprocess.DEVNULL, text=True,
                                env={**os.environ, "PYTHONUNBUFFERED": "1"})
        with self._lock:
            self._procs[t.name] = proc
        try:
            out, _ = proc.communicate(json.dumps(job))
        finally:
            with self._lock:
                self._procs.pop(t.name, None)
        try:
            result = json.loads(out.strip().splitlines()[-1]) if out.strip() else {}
        except ValueError:
            result = {}
        if "error" in result:
            from pgwarden.fleet.runner import classify

            exc = _error_for(result)
            row = classify(t, exc, 0.0)
            return replace(row, detail={**row.detail, **_where(result)})
        if not result:
            raise PgwardenError(f"the migration process ended with code {proc.returncode} "
                                "and no report")
        applied = result.get("applied", [])
        msg = (f"applied {', '.join(applied)}; " if applied else "nothing to apply; ") + \
            f"at {', '.join(result.get('after') or ['base'])}"
        return row_for(t, OK, msg, detail=_where(result))

    def cancel(self, t: Target) -> None:
        """Stop a target's migration: SIGTERM (the statement is cancelled), SIGKILL after 10 s."""
        with self._lock:
            proc = self._procs.get(t.name)
        if proc is None or proc.poll() is not None:
            return
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()


def _where(result: dict[str, Any]) -> dict[str, Any]:
    return {k: result[k] for k in ("before", "after", "head", "applied") if k in result}


def _error_for(result: dict[str, Any]) -> BaseException:
    from pgwarden import errors

    kind = getattr(errors, str(result.get("kind")), None)
    cls = kind if isinstance(kind, type) and issubclass(kind, errors.PgwardenError) else \
        errors.PgwardenError
    exc = cls(str(result["error"]))
    exc.exit_code = int(result.get("exit_code", 3))
    return exc


# -- maintain run -------------------------------------------------------------------------------

def maintain_run(*, dry_run: bool = False, force: bool = False, allow_blocking: bool = False,
                 jobs: int | None = None) -> Callable[[Target], Row]:
    from pgwarden.maintenance import Options, run_tasks

    def work(t: Target) -> Row:
        settings = t.config.section("maintenance")
        budget = settings.run.budget.seconds if settings.run.budget is not None else None
        options = Options(dry_run=dry_run, force=force, allow_blocking=allow_blocking, jobs=jobs,
                          progress=False)
        import psycopg

        from pgwarden.topology import StandbyError

        try:
            report = run_tasks(writer_dsn(t), list(settings.run.tasks), settings, options,
                               budget_s=budget, wait=False, lock_name="run",
                               topology=t.config.section("topology"))
        except StandbyError as exc:  # the primary acts; the same entry on a standby stands aside
            return row_for(t, STANDBY, exc.one_line())
        except psycopg.errors.ReadOnlySqlTransaction:
            # a runner that does not ask the role yet: the refused write tells, when the
            # server says it is in recovery (a database that is merely read-only is a failure)
            if not _in_recovery(t):
                raise
            return row_for(t, STANDBY, "the server is a standby (in recovery): only the "
                                       "primary runs maintenance")
        standby = _standby(report)
        if standby:
            return row_for(t, STANDBY, standby)
        tasks = {r.task: {"done": r.count("done"), "planned": r.count("planned"),
                          "skipped": r.count("skipped"), "failed": r.count("failed"),
                          "rows": r.rows} for r in report.results}
        msg = "; ".join(f"{name}: " + ", ".join(f"{n} {k}" for k, n in c.items() if n and
                                                   k != "rows") for name, c in tasks.items())
        msg = " ".join(msg.replace(": ;", ": nothing;").split()) or "nothing to do"
        return row_for(t, OK if report.exit_code == 0 else PARTIAL, msg,
                       detail={"tasks": tasks, "reaped_runs": report.reaped})

    return work


def _standby(report: Any) -> str | None:
    """The single-target runner's own "skipped: standby" answer, when it gives one."""
    for attr in ("skipped_standby", "standby"):
        value = getattr(report, attr, None)
        if value:
            return value if isinstance(value, str) else "the server is a standby: nothing to do"
    status = getattr(report, "status", None)
    if isinstance(status, str) and status == STANDBY:
        return "the server is a standby: nothing to do"
    return None


def _in_recovery(target: Target) -> bool:
    """Whether the target's server says it is a standby (``pg_is_in_recovery()``)."""
    from pgwarden import db
    from pgwarden.topology import is_standby

    try:
        with db.session(target.dsn, timeouts=db.Timeouts(statement_timeout=5.0,
                                                        connect_timeout=5.0)) as conn:
            return is_standby(conn)
    except Exception:  # noqa: BLE001 - unknown: not claimed to be a standby
        return False
