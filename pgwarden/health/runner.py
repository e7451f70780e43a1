"""Run the registered checks against one database and render the Nagios status line."""

from __future__ import annotations

import importlib

import psycopg

from pgwarden import db
from pgwarden.errors import UsageError
from pgwarden.fixes import statement
from pgwarden.health.model import CheckResult, HealthReport, Status
from pgwarden.health.registry import CHECKS, Context
from pgwarden.health.settings import HealthSettings

# Modules whose @check functions register themselves; their order is the report's order.
CHECK_MODULES = ("sessions", "storage", "server", "state")
for _module in CHECK_MODULES:
    importlib.import_module(f"pgwarden.health.{_module}")


def check_names() -> list[str]:
    """Names of the registered checks, in the order they run."""
    return list(CHECKS)


def run(dsn: str, settings: HealthSettings | None = None,
        only: list[str] | None = None) -> HealthReport:
    """Connect, read the server's facts and run every check (or those in ``only``).

    A check that fails on a missing privilege or any database error becomes UNKNOWN with
    the reason; the others still run. Raises UsageError (exit 2) for an unknown check name
    and ConnectError when the server cannot be reached.
    """
    s = settings or HealthSettings()
    names = only or check_names()
    unknown = [n for n in names if n not in CHECKS]
    if unknown:
        raise UsageError(f"unknown health check {', '.join(unknown)!s}",
                         hint=f"known checks: {', '.join(check_names())}")
    timeouts = db.Timeouts(lock_timeout=1.0, statement_timeout=s.statement_timeout.seconds,
                           connect_timeout=10.0)
    with db.session(dsn, timeouts=timeouts, application_name="pgwarden health") as conn:
        facts = db.read_server_facts(conn)
        ctx = Context(conn, facts, s)
        results = tuple(_run_one(ctx, name) for name in names)
    return HealthReport(target=db.redact(db.describe_target(dsn)), server_version=facts.version,
                        role=facts.user, results=results)


def _run_one(ctx: Context, name: str) -> CheckResult:
    try:
        return CHECKS[name].fn(ctx)
    except psycopg.errors.InsufficientPrivilege as exc:
        msg = db.one_line(exc.diag.message_primary or str(exc))
        return CheckResult(name, Status.UNKNOWN, f"could not check: {msg}",
                           fix=statement("GRANT pg_monitor TO {role};", role=ctx.facts.user), not_visible=msg)
    except psycopg.Error as exc:
        return CheckResult(name, Status.UNKNOWN, f"could not check: {db.one_line(str(exc))}")


def nagios_line(report: HealthReport) -> str:
    """``PGWARDEN HEALTH <STATE> - <problems or all ok> | <perfdata>`` (one line)."""
    bad = [r for r in report.results if r.status is not Status.OK]
    bad.sort(key=lambda r: -r.status.severity)
    if bad:
        text = "; ".join(f"{r.name} {r.status.name}: {r.summary}" for r in bad)
    else:
        text = f"{len(report.results)} check(s) OK on {report.target}"
    perf = " ".join(p.render() for r in report.results for p in r.perfdata)
    text = " ".join(text.replace("|", "/").split())
    return f"PGWARDEN HEALTH {report.status.name} - {text}" + (f" | {perf}" if perf else "")
