"""Checks on what pgwarden's maintenance recorded (``pgwarden.task_runs``/``mview_refresh``)."""

from __future__ import annotations

from typing import Any

import psycopg

from pgwarden import db
from pgwarden.fixes import statement
from pgwarden.health.model import CheckResult, Perf, Status, worst
from pgwarden.health.registry import Context, check


def _grant_state(role: str) -> str:
    """The GRANTs that let ``role`` read pgwarden's own state (schema pgwarden)."""
    return statement("GRANT USAGE ON SCHEMA pgwarden TO {role}; "
                     "GRANT SELECT ON ALL TABLES IN SCHEMA pgwarden TO {role};", role=role)


def _age(seconds: float | None) -> str:
    if seconds is None:
        return "never"
    s = int(seconds)
    if s >= 86400:
        return f"{s / 86400:.1f}d"
    if s >= 3600:
        return f"{s / 3600:.1f}h"
    return f"{s // 60}min" if s >= 60 else f"{s}s"


def _tables(ctx: Context) -> dict[str, Any]:
    return ctx.row("state_tables")


@check("mview_staleness", "materialized views older than their allowed staleness")
def mview_staleness(ctx: Context) -> CheckResult:
    s = ctx.settings
    t = _tables(ctx)
    if not t["mview_refresh"]:
        views = ctx.rows("mviews_plain")
        if not views:
            return CheckResult("mview_staleness", Status.OK, "no materialized view")
        return CheckResult(
            "mview_staleness", Status.UNKNOWN,
            f"{len(views)} materialized view(s), age unknown: pgwarden has never refreshed them "
            "here (no pgwarden.mview_refresh)",
            tuple({"view": f"{v['schema']}.{v['view']}", "status": "UNKNOWN"} for v in views),
            fix="pgwarden maintain refresh  -- records each refresh so its age is known")
    if not t["mview_refresh_readable"]:
        return CheckResult("mview_staleness", Status.UNKNOWN,
                           "cannot read pgwarden.mview_refresh",
                           fix=_grant_state(ctx.facts.user),
                           not_visible="pgwarden.mview_refresh (no SELECT privilege)")
    details = []
    for v in ctx.rows("mviews"):
        limit = s.mview_limit(v["schema"], v["view"])
        name = f"{v['schema']}.{v['view']}"
        if v["age_s"] is None:
            st, why = Status.UNKNOWN, "never refreshed by pgwarden: age unknown"
        elif v["age_s"] > limit * s.mview_critical_factor:
            st, why = Status.CRITICAL, f"{_age(v['age_s'])} old (allowed {_age(limit)})"
        elif v["age_s"] > limit:
            st, why = Status.WARNING, f"{_age(v['age_s'])} old (allowed {_age(limit)})"
        else:
            st, why = Status.OK, f"{_age(v['age_s'])} old (allowed {_age(limit)})"
        if not v["ispopulated"]:
            st, why = Status.CRITICAL, "not populated: queries on it fail"
        if v["last_outcome"] == "failed" and st is Status.OK:
            st, why = Status.WARNING, f"last refresh failed: {v['last_error'] or 'no error text'}"
        details.append({"view": name, "status": st.name, "why": why, "age_s": v["age_s"],
                        "allowed_s": limit, "last_success_at": v["last_success_at"],
                        "last_outcome": v["last_outcome"]})
    if not details:
        return CheckResult("mview_staleness", Status.OK, "no materialized view")
    status = worst([Status[d["status"]] for d in details])
    bad = [d for d in details if d["status"] != "OK"]
    summary = (f"{len(details)} materialized view(s) within their allowed staleness" if not bad
               else "; ".join(f"{d['view']}: {d['why']}" for d in bad))
    ages = [d["age_s"] for d in details if d["age_s"] is not None]
    return CheckResult(
        "mview_staleness", status, summary, tuple(details),
        fix=None if not bad else "pgwarden maintain refresh",
        perfdata=(Perf("oldest_mview", round(max(ages, default=0.0)), "s", None, None, 0),
                  Perf("stale_mviews", sum(d["status"] in ("WARNING", "CRITICAL") for d in details),
                       "", None, None, 0)))


def run_alive(conn: psycopg.Connection[Any], task: str, backend_alive: bool) -> bool:
    """A 'running' row is alive while its session exists or the task's advisory lock is held
    (maintenance holds ``maintain:<task>`` for the whole run)."""
    if backend_alive:
        return True
    return any(db.lock_holder(conn, name) is not None for name in (f"maintain:{task}", task))


def _running_alive(ctx: Context, row: dict[str, Any]) -> bool:
    return run_alive(ctx.conn, row["task"], bool(row["backend_alive"]))


def _error_of(row: dict[str, Any]) -> str:
    """``: <what ended the run>`` from its detail (SIGTERM, lost connection, skipped tasks...)."""
    detail = row.get("last_detail") or {}
    if not isinstance(detail, dict):
        return ""
    parts = []
    if detail.get("error"):
        parts.append(" ".join(str(detail["error"]).split())[:200])
    if detail.get("skipped_tasks"):
        parts.append("not started (lock held): " + ", ".join(sorted(detail["skipped_tasks"])))
    return (": " + "; ".join(parts)) if parts else ""


@check("maintenance_tasks", "pgwarden maintenance tasks that failed or have not succeeded lately")
def maintenance_tasks(ctx: Context) -> CheckResult:
    s = ctx.settings
    t = _tables(ctx)
    if not t["task_runs"]:
        if s.expected_tasks:
            return CheckResult("maintenance_tasks", Status.CRITICAL,
                               f"expected task(s) {', '.join(s.expected_tasks)} never ran here "
                               "(no pgwarden.task_runs)",
                               fix="schedule pgwarden maintain run in cron")
        return CheckResult("maintenance_tasks", Status.OK,
                           "pgwarden maintenance has not run here (no pgwarden.task_runs); "
                           "set [health] expected_tasks to require it")
    if not t["task_runs_readable"]:
        return CheckResult("maintenance_tasks", Status.UNKNOWN, "cannot read pgwarden.task_runs",
                           fix=_grant_state(ctx.facts.user),
                           not_visible="pgwarden.task_runs (no SELECT privilege)")
    details = []
    seen = set()
    for r in ctx.rows("task_runs"):
        seen.add(r["task"])
        limit = s.task_limit(r["task"])
        outcome = r["last_outcome"]
        if outcome == "running" and not _running_alive(ctx, r):
            outcome = "failed"
            why = f"last run (id {r['last_id']}) was killed: still 'running' but its session is gone"
            st = Status.CRITICAL
        elif outcome == "failed":
            st, why = Status.CRITICAL, f"last run (id {r['last_id']}) failed{_error_of(r)}"
        elif r["success_age_s"] is None:
            st, why = Status.CRITICAL, "never succeeded"
        elif r["success_age_s"] > limit:
            st, why = Status.WARNING, (f"last success {_age(r['success_age_s'])} ago "
                                       f"(allowed {_age(limit)})")
        elif outcome == "partial":
            st, why = Status.WARNING, f"last run (id {r['last_id']}) partly failed{_error_of(r)}"
        else:
            st, why = Status.OK, f"last success {_age(r['success_age_s'])} ago"
        details.append({"task": r["task"], "status": st.name, "why": why, "last_outcome": outcome,
                        "last_started_at": r["last_started_at"],
                        "last_success_at": r["last_success_at"],
                        "last_duration_s": r["last_duration_s"]})
    for task in s.expected_tasks:
        if task not in seen:
            details.append({"task": task, "status": "CRITICAL", "why": "expected but never ran",
                            "last_outcome": None, "last_started_at": None,
                            "last_success_at": None, "last_duration_s": None})
    if not details:
        return CheckResult("maintenance_tasks", Status.OK, "no maintenance run recorded yet")
    status = worst([Status[d["status"]] for d in details])
    bad = [d for d in details if d["status"] != "OK"]
    summary = (f"{len(details)} task(s) succeeded recently" if not bad
               else "; ".join(f"{d['task']}: {d['why']}" for d in bad))
    return CheckResult("maintenance_tasks", status, summary, tuple(details),
                       fix=None if not bad else "see the task's detail in pgwarden.task_runs; "
                       "rerun: pgwarden maintain run",
                       perfdata=(Perf("failed_tasks", sum(d["status"] == "CRITICAL" for d in details),
                                      "", None, 1, 0),))
