"""vacuum: VACUUM (ANALYZE, SKIP_LOCKED) the tables the statistics say need it.

Order: wraparound danger first (transaction ID / multixact age above the threshold, oldest
first), then by dead-tuple ratio. ``SKIP_LOCKED`` makes VACUUM skip a table whose lock is taken
instead of queueing behind it (and everybody else behind us); PostgreSQL reports that as a
WARNING ("skipping vacuum of ... lock not available", SQLSTATE 55P03), which we catch and report
as skipped (exit 3) -- unless the holder is an autovacuum worker: it is vacuuming that table right
now, so the table is reported 'not-needed' with its pid (a cron run at 3 a.m. must not fail
because autovacuum got there first).
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Mapping
from typing import Any

import psycopg
from psycopg import errors as pgerrors
from psycopg import sql

from pgwarden import sql as sqlfiles
from pgwarden.errors import UsageError
from pgwarden.maintenance.base import (
    DONE,
    FAILED,
    NOT_NEEDED,
    SKIPPED,
    Action,
    Context,
    Outcome,
    Plan,
    Report,
    privilege_message,
    raise_if_connection_lost,
    unknown_names,
    wanted_match,
)
from pgwarden.maintenance.settings import VacuumSettings


def decide(row: Mapping[str, Any], s: VacuumSettings) -> tuple[float, list[str]] | None:
    """Pure: (priority, reasons) when the table needs a vacuum, else None. Higher priority first;
    wraparound danger always outranks bloat."""
    reasons: list[str] = []
    priority = 0.0
    xid_age = int(row["xid_age"] or 0)
    mxid_age = int(row["mxid_age"] or 0)
    if xid_age >= s.xid_age:
        reasons.append(f"transaction ID age {xid_age:,} ≥ {s.xid_age:,} (wraparound danger)")
        priority = max(priority, 1e12 + xid_age)
    if mxid_age >= s.multixact_age:
        reasons.append(f"multixact age {mxid_age:,} ≥ {s.multixact_age:,} (wraparound danger)")
        priority = max(priority, 1e12 + mxid_age)
    dead = int(row["n_dead_tup"] or 0)
    live = int(row["n_live_tup"] or 0)
    ratio = dead / (dead + live) if dead + live else 0.0
    if dead >= s.min_dead_tuples and ratio >= s.dead_tuple_ratio:
        reasons.append(f"{dead:,} dead tuples ({ratio:.0%} of rows ≥ {s.dead_tuple_ratio:.0%})")
        priority = max(priority, 1e6 * ratio + dead / 1e6)
    mods = int(row["n_mod_since_analyze"] or 0)
    base = max(float(row["reltuples"] or 0), float(live), 1.0)
    if mods >= s.min_mod_since_analyze and mods / base >= s.mod_since_analyze_ratio:
        reasons.append(f"{mods:,} rows modified since the last analyze ({mods / base:.0%} ≥ "
                       f"{s.mod_since_analyze_ratio:.0%})")
        priority = max(priority, 1e5 * min(mods / base, 9.0))
    return (priority, reasons) if reasons else None


class VacuumTask:
    name = "vacuum"

    def plan(self, ctx: Context) -> Plan:
        s = ctx.settings.vacuum
        with ctx.conn.cursor() as cur:
            cur.execute(sqlfiles.load_for("maintenance/vacuum_candidates", ctx.facts.version_num))
            rows = cur.fetchall()
        chosen: list[tuple[float, Action]] = []
        refused: list[Action] = []
        wanted = set(ctx.options.tables)
        for r in rows:
            obj = f"{r['schema']}.{r['name']}"
            if wanted and not wanted_match(wanted, r["schema"], r["name"]):
                continue
            verdict = decide(r, s)
            if verdict is None and not wanted:
                continue
            prio, reasons = verdict or (0.0, ["named on the command line"])
            detail = {"schema": r["schema"], "name": r["name"], "size_bytes": r["size_bytes"],
                      "n_dead_tup": r["n_dead_tup"], "xid_age": r["xid_age"]}
            a = Action("vacuum", "vacuum analyze", obj, "; ".join(reasons), detail)
            if not r["can_maintain"]:
                refused.append(Action("vacuum", "vacuum analyze", obj, a.reason, {
                    **detail, "refusal": f"role {ctx.facts.user} may not vacuum it: only the owner "
                    f"({r['owner']}), a member of its role" + (" or a holder of MAINTAIN"
                    if ctx.facts.major >= 17 else "") + " may"}))
                continue
            chosen.append((prio, a))
        missing = unknown_names(wanted, rows, "schema", "name")
        if missing:
            raise UsageError(f"no such table: {', '.join(missing)}")
        chosen.sort(key=lambda pa: -pa[0])
        return Plan("vacuum", tuple(a for _, a in chosen), (), tuple(refused))

    def execute(self, plan: Plan, ctx: Context, report: Report) -> None:
        jobs = max(1, ctx.options.jobs or ctx.settings.vacuum.jobs)
        work: queue.Queue[Action] = queue.Queue()
        for a in plan.actions:
            work.put(a)
        lock = threading.Lock()
        errors: list[BaseException] = []
        from pgwarden.output import progress

        with progress("vacuum", len(plan.actions), enabled=ctx.options.progress) as advance:
            def safe_report(o: Outcome) -> None:
                with lock:
                    report(o)
                    advance(1, description=f"vacuum {o.object}")

            def worker() -> None:
                conn = ctx.conn if jobs == 1 else ctx.connect()
                try:
                    while True:
                        try:
                            a = work.get_nowait()
                        except queue.Empty:
                            return
                        reason = ctx.skip_reason_if_budget_spent()
                        if reason:
                            safe_report(Outcome.of(a, SKIPPED, message=reason))
                            continue
                        safe_report(vacuum_one(conn, a))
                except BaseException as exc:  # noqa: BLE001 - re-raised in the main thread
                    errors.append(exc)
                finally:
                    if conn is not ctx.conn:
                        conn.close()

            if jobs == 1:
                worker()
            else:
                threads = [threading.Thread(target=worker, daemon=True) for _ in range(jobs)]
                for t in threads:
                    t.start()
                for t in threads:
                    t.join()
        if errors:
            raise errors[0]


def vacuum_one(conn: psycopg.Connection[Any], a: Action) -> Outcome:
    """One VACUUM (ANALYZE, SKIP_LOCKED); the lock-not-available WARNING becomes 'skipped',
    unless the lock is autovacuum's: then the table is being vacuumed already ('not-needed')."""
    t0 = time.monotonic()
    for attempt in (1, 2):
        try:
            skipped = _vacuum_skip_locked(conn, a)
        except pgerrors.InsufficientPrivilege as exc:
            return Outcome.of(a, FAILED, duration=time.monotonic() - t0,
                              message=privilege_message(exc, f"VACUUM of {a.object}"))
        except psycopg.Error as exc:
            raise_if_connection_lost(conn)
            return Outcome.of(a, FAILED, duration=time.monotonic() - t0,
                              message=" ".join(str(exc).split()))
        if not skipped:
            return Outcome.of(a, DONE, duration=time.monotonic() - t0)
        holders = conn.execute(sqlfiles.load("maintenance/vacuum_lock_holders"),
                               {"schema": a.detail["schema"], "name": a.detail["name"]}).fetchall()
        autovacuum = [h["pid"] for h in holders if h["backend_type"] == "autovacuum worker"]
        if autovacuum:
            # autovacuum cancels itself for a waiting lock request, but never for SKIP_LOCKED:
            # it is doing this very work; waiting would only end it early
            return Outcome.of(a, NOT_NEEDED, duration=time.monotonic() - t0,
                              message=f"autovacuum (pid {autovacuum[0]}) is vacuuming it now")
        if holders or attempt == 2:
            return Outcome.of(a, SKIPPED, duration=time.monotonic() - t0,
                              message="; ".join(skipped) + " (another session holds a conflicting "
                                      "lock; SKIP_LOCKED did not wait)")
        # nobody holds it any more (released between the VACUUM and the look): once more
    raise AssertionError("unreachable")


def _vacuum_skip_locked(conn: psycopg.Connection[Any], a: Action) -> list[str]:
    """Run the VACUUM; returns the messages of the skip warnings (empty: it ran)."""
    notices: list[tuple[str | None, str]] = []

    def on_notice(diag: psycopg.errors.Diagnostic) -> None:
        if diag.message_primary:
            notices.append((diag.sqlstate, diag.message_primary))

    conn.add_notice_handler(on_notice)
    try:
        conn.execute(sql.SQL("VACUUM (ANALYZE, SKIP_LOCKED) {}").format(
            sql.Identifier(a.detail["schema"], a.detail["name"])))
    finally:
        conn.remove_notice_handler(on_notice)
    # SKIP_LOCKED's "skipping vacuum of ... --- lock not available" is a WARNING with SQLSTATE
    # 55P03: read the code, not the (translated) words
    return [n for code, n in notices if code == "55P03"]
