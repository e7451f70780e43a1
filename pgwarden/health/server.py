"""Checks on the server as a whole: replication, slots, cache hit ratio, pg_stat_statements."""

from __future__ import annotations

from pgwarden.db import SETTINGS_ROLE
from pgwarden.health.model import CheckResult, Perf, Status
from pgwarden.health.registry import Context, check

MB = 1024 * 1024


@check("replication_lag", "replay lag of standbys (on a primary) or of this standby")
def replication_lag(ctx: Context) -> CheckResult:
    s = ctx.settings
    warn, crit = s.replication_lag_warning.seconds, s.replication_lag_critical.seconds
    rows = ctx.rows("replication")
    if not rows:
        return CheckResult("replication_lag", Status.OK, "no replication (no standby connected)")
    details = tuple(rows)
    lags = [r["lag_s"] for r in rows if r["lag_s"] is not None]
    worst = max(lags, default=0.0)
    status = Status.OK
    if worst >= crit:
        status = Status.CRITICAL
    elif worst >= warn:
        status = Status.WARNING
    hidden = None
    if not ctx.facts.can_read_all_stats and any(r["state"] is None for r in rows):
        hidden = "standby details are hidden: GRANT pg_monitor to this role"
    summary = f"{len(rows)} replication stream(s), worst replay lag {worst:.1f}s"
    most = max((r["lag_bytes"] or 0 for r in rows), default=0)
    if most:
        summary += f" ({most / MB:,.1f} MB of WAL not replayed)"
    fix = None if status is Status.OK else \
        "check the standby's I/O and network, and long queries on it (hot_standby_feedback)"
    if any(r.get("paused") for r in rows):
        # a paused replay falls behind without bound: never OK, whatever the lag says now
        status = max(status, Status.WARNING, key=lambda x: x.severity)
        summary = "WAL replay is paused on this standby; " + summary
        fix = "resume it when its purpose is done: SELECT pg_wal_replay_resume();"
    return CheckResult(
        "replication_lag", status, summary, details, fix=fix,
        perfdata=(Perf("replication_lag", round(worst, 2), "s", warn, crit, 0),),
        not_visible=hidden)


@check("replication_slots", "inactive replication slots and the WAL they retain")
def replication_slots(ctx: Context) -> CheckResult:
    s = ctx.settings
    rows = ctx.rows("replication_slots")
    if not rows:
        return CheckResult("replication_slots", Status.OK, "no replication slot")
    bad = []
    status = Status.OK
    for r in rows:
        retained = (r["retained_bytes"] or 0) / MB
        lost = r["wal_status"] == "lost"
        if lost or (not r["active"] and retained >= s.slot_retained_critical_mb):
            status = Status.CRITICAL
            bad.append(r)
        elif not r["active"] or retained >= s.slot_retained_warning_mb:
            status = max(status, Status.WARNING, key=lambda x: x.severity)
            bad.append(r)
    most = max((r["retained_bytes"] or 0 for r in rows), default=0)
    if not bad:
        summary = f"{len(rows)} replication slot(s), all active"
        fix = None
    else:
        names = ", ".join(f"{r['slot_name']} ({'inactive' if not r['active'] else 'active'}, "
                          f"{(r['retained_bytes'] or 0) / MB:,.0f} MB retained)" for r in bad)
        summary = f"{len(bad)} slot(s) need attention: {names}"
        fix = (f"if the consumer is gone for good: SELECT pg_drop_replication_slot("
               f"'{bad[0]['slot_name']}');")
    return CheckResult("replication_slots", status, summary, tuple(rows), fix=fix,
                       perfdata=(Perf("slot_retained", round(most / MB, 1), "MB",
                                      s.slot_retained_warning_mb, s.slot_retained_critical_mb, 0),))


@check("cache_hit_ratio", "buffer cache hit ratio of this database")
def cache_hit_ratio(ctx: Context) -> CheckResult:
    s = ctx.settings
    r = ctx.row("cache_hit")
    total = int(r.get("blks_hit") or 0) + int(r.get("blks_read") or 0)
    if r.get("ratio") is None or total < s.cache_hit_min_blocks:
        return CheckResult("cache_hit_ratio", Status.OK,
                           f"too little traffic to judge ({total:,} blocks requested, fewer than "
                           f"{s.cache_hit_min_blocks:,})")
    ratio = float(r["ratio"])
    status = (Status.CRITICAL if ratio < s.cache_hit_critical
              else Status.WARNING if ratio < s.cache_hit_warning else Status.OK)
    return CheckResult(
        "cache_hit_ratio", status,
        f"{ratio:.2%} of {total:,} block requests served from shared buffers",
        fix=None if status is Status.OK else
        "look for sequential scans of large tables (pgwarden advise), or raise shared_buffers",
        perfdata=(Perf("cache_hit_ratio", round(ratio * 100, 2), "%", None, None, 0, 100),))


@check("pg_stat_statements", "pg_stat_statements is preloaded and created in this database")
def pg_stat_statements(ctx: Context) -> CheckResult:
    f = ctx.facts
    if f.pg_stat_statements_unknown:
        grant = f"GRANT {SETTINGS_ROLE} TO {f.user}"
        if not f.installed("pg_stat_statements"):
            return CheckResult("pg_stat_statements", Status.WARNING,
                               f"pg_stat_statements is not created in {f.database!r}: no query "
                               "statistics for advise, metrics or plans",
                               fix="CREATE EXTENSION pg_stat_statements;",
                               not_visible=f"shared_preload_libraries: {grant}")
        return CheckResult("pg_stat_statements", Status.WARNING,
                           "pg_stat_statements is created but its view does not answer: the "
                           "library is not loaded",
                           fix="ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'; "
                               "-- then restart the server",
                           not_visible=f"shared_preload_libraries: {grant}")
    if not f.pg_stat_statements_preloaded:
        return CheckResult("pg_stat_statements", Status.WARNING,
                           "pg_stat_statements is not in shared_preload_libraries: no query "
                           "statistics for advise, metrics or plans",
                           fix="ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'; "
                               "-- then restart the server")
    if not f.installed("pg_stat_statements"):
        return CheckResult("pg_stat_statements", Status.WARNING,
                           f"pg_stat_statements is preloaded but not created in {f.database!r}",
                           fix="CREATE EXTENSION pg_stat_statements;")
    hidden = None if f.can_read_all_stats else (
        "other roles' statements are hidden: GRANT pg_read_all_stats to this role")
    return CheckResult("pg_stat_statements", Status.OK,
                       f"pg_stat_statements {f.installed_extensions['pg_stat_statements']} present",
                       not_visible=hidden)
