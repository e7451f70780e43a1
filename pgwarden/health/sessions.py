"""Checks on sessions: connection slots, long queries, idle transactions, lock waits."""

from __future__ import annotations

from typing import Any

from pgwarden.health.model import CheckResult, Perf, Status
from pgwarden.health.registry import Context, check

_HIDDEN = ("other roles' session details (state, query) are hidden: "
           "GRANT pg_monitor (or pg_read_all_stats) to this role")


def _level(value: float, warn: float, crit: float) -> Status:
    if value >= crit:
        return Status.CRITICAL
    if value >= warn:
        return Status.WARNING
    return Status.OK


def _hidden(ctx: Context) -> str | None:
    return None if ctx.facts.can_read_all_stats else _HIDDEN


def _fmt_s(seconds: float) -> str:
    s = int(seconds)
    if s >= 3600:
        return f"{s // 3600}h{s % 3600 // 60:02d}m"
    if s >= 60:
        return f"{s // 60}m{s % 60:02d}s"
    return f"{s}s"


@check("connections", "client connections in use versus max_connections")
def connections(ctx: Context) -> CheckResult:
    r = ctx.row("connections")
    usable = max(1, int(r["max_connections"]) - int(r["reserved"]))
    used = int(r["used"])
    ratio = used / usable
    s = ctx.settings
    status = _level(ratio, s.connections_warning, s.connections_critical)
    return CheckResult(
        "connections", status,
        f"{used} of {usable} usable connections in use ({ratio:.0%}; max_connections "
        f"{r['max_connections']}, {r['reserved']} reserved)",
        fix=None if status is Status.OK else
        "find idle clients (pgwarden top), put a pooler (PgBouncer) in front, or raise "
        "max_connections",
        perfdata=(Perf("connections", used, "", round(usable * s.connections_warning),
                       round(usable * s.connections_critical), 0, usable),))


def _session_detail(row: dict[str, Any], age: float) -> dict[str, Any]:
    return {"pid": row["pid"], "user": row["usename"], "database": row["datname"],
            "application": row["application_name"], "age_s": round(age, 1),
            "query": row["query"]}


@check("long_running", "statements running longer than long_query_warning")
def long_running(ctx: Context) -> CheckResult:
    s = ctx.settings
    warn, crit = s.long_query_warning.seconds, s.long_query_critical.seconds
    rows = [r for r in ctx.rows("sessions")
            if r["state"] == "active" and (r["query_age_s"] or 0) >= warn]
    oldest = max((r["query_age_s"] for r in rows), default=0.0)
    status = _level(oldest, warn, crit) if rows else Status.OK
    summary = (f"{len(rows)} statement(s) running longer than {_fmt_s(warn)}, oldest "
               f"{_fmt_s(oldest)} (pid {rows[0]['pid']})" if rows
               else f"no statement running longer than {_fmt_s(warn)}")
    rows.sort(key=lambda r: -(r["query_age_s"] or 0))
    return CheckResult(
        "long_running", status, summary,
        tuple(_session_detail(r, r["query_age_s"]) for r in rows),
        fix=f"SELECT pg_cancel_backend({rows[0]['pid']});  -- if it should not run this long"
        if rows else None,
        perfdata=(Perf("longest_query", round(oldest, 1), "s", warn, crit, 0),),
        not_visible=_hidden(ctx))


@check("idle_in_transaction", "sessions idle inside an open transaction")
def idle_in_transaction(ctx: Context) -> CheckResult:
    s = ctx.settings
    warn = s.idle_in_transaction_warning.seconds
    crit = s.idle_in_transaction_critical.seconds
    rows = [r for r in ctx.rows("sessions")
            if (r["state"] or "").startswith("idle in transaction")
            and (r["state_age_s"] or 0) >= warn]
    rows.sort(key=lambda r: -(r["state_age_s"] or 0))
    oldest = rows[0]["state_age_s"] if rows else 0.0
    status = _level(oldest, warn, crit) if rows else Status.OK
    summary = (f"{len(rows)} session(s) idle in transaction for more than {_fmt_s(warn)}, "
               f"longest {_fmt_s(oldest)} (pid {rows[0]['pid']}, "
               f"application {rows[0]['application_name'] or '-'})" if rows
               else f"no session idle in transaction for more than {_fmt_s(warn)}")
    return CheckResult(
        "idle_in_transaction", status, summary,
        tuple(_session_detail(r, r["state_age_s"]) for r in rows),
        fix=(f"SELECT pg_terminate_backend({rows[0]['pid']});  -- and fix the client that "
             "leaves transactions open; set idle_in_transaction_session_timeout") if rows else None,
        perfdata=(Perf("idle_in_transaction", round(oldest, 1), "s", warn, crit, 0),),
        not_visible=_hidden(ctx))


@check("blocked", "sessions waiting on a lock another session holds")
def blocked(ctx: Context) -> CheckResult:
    s = ctx.settings
    warn, crit = s.blocked_warning.seconds, s.blocked_critical.seconds
    rows = ctx.rows("blocked")
    longest = max((r["wait_s"] or 0 for r in rows), default=0.0)
    status = _level(longest, warn, crit) if rows else Status.OK
    details = tuple({**_session_detail(r, r["wait_s"] or 0), "blocked_by": list(r["blocked_by"])}
                    for r in rows)
    if rows:
        blockers = sorted({p for r in rows for p in r["blocked_by"]} - {r["pid"] for r in rows})
        roots = blockers or sorted({p for r in rows for p in r["blocked_by"]})
        summary = (f"{len(rows)} session(s) waiting on locks, longest {_fmt_s(longest)}; "
                   f"blocked by pid {', '.join(map(str, roots))}")
        fix = (f"pgwarden locks  -- then, if pid {roots[0]} should not hold it: "
               f"SELECT pg_terminate_backend({roots[0]});")
    else:
        summary, fix = "no session is waiting on a lock", None
    return CheckResult("blocked", status, summary, details, fix=fix,
                       perfdata=(Perf("blocked_sessions", len(rows), "", None, None, 0),
                                 Perf("longest_lock_wait", round(longest, 1), "s", warn, crit, 0)),
                       not_visible=_hidden(ctx))
