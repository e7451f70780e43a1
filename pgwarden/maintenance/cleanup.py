"""cleanup: retention policies, deleted in small keyset batches, never one big DELETE.

Safety rules this module keeps:
- The cutoff is computed once per run, from the server's clock (``now() - older_than``), and is a
  bound parameter of every batch: a row inside the retention window is never deleted, however
  long the run takes.
- One short transaction per batch (autocommit statement), a pause between batches, rows locked
  by the application are skipped (``FOR UPDATE SKIP LOCKED``), a short lock_timeout with retries.
- Keyset batches: by the single-column primary key (``key > last ORDER BY key LIMIT n``), else by
  ranges of heap pages (ctid), so the whole run reads each row about once.
- Killed at any point, every committed batch is durable and the rest is simply still there: the
  next run deletes it.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from functools import partial
from typing import Any

import psycopg
from psycopg import errors as pgerrors
from psycopg import sql

from pgwarden import sql as sqlfiles
from pgwarden.errors import ConfigError, UsageError
from pgwarden.maintenance import lag
from pgwarden.maintenance.base import (
    DONE,
    FAILED,
    SKIPPED,
    Action,
    Context,
    LockRetriesExhausted,
    Outcome,
    Plan,
    Report,
    privilege_message,
    raise_if_connection_lost,
    with_lock_retries,
)
from pgwarden.maintenance.settings import CleanupPolicy
from pgwarden.topology.guard import Interrupted

COUNT_CAP = 1_000_000


def normalise_condition(condition: str | None) -> str:
    """The policy's extra condition as one parenthesised boolean expression, re-printed by
    PostgreSQL's parser (pglast): anything else (a second statement, a dangling ``) OR (``) is
    rejected, so the condition can only narrow the DELETE, never widen it past the cutoff."""
    if condition is None or not condition.strip():
        return "TRUE"
    import pglast
    from pglast.stream import RawStream

    try:
        stmts = pglast.parse_sql(f"SELECT 1 WHERE {condition}")
    except pglast.parser.ParseError as exc:
        raise ConfigError(f"cleanup condition {condition!r} is not valid SQL: {exc}") from None
    st: Any = stmts[0].stmt if len(stmts) == 1 else None
    others = ("fromClause", "groupClause", "havingClause", "sortClause", "limitCount",
              "limitOffset", "withClause", "intoClause", "lockingClause", "windowClause",
              "distinctClause", "valuesLists")
    if (st is None or type(st).__name__ != "SelectStmt" or st.whereClause is None
            or any(getattr(st, k, None) for k in others)):
        raise ConfigError(f"cleanup condition {condition!r} must be a single boolean expression")
    return f"({RawStream()(st.whereClause)})"


@dataclass(frozen=True)
class ResolvedPolicy:
    """Facts about one policy's table, read from the catalogs."""

    policy: CleanupPolicy
    exists: bool
    schema: str = ""
    name: str = ""
    time_type: str | None = None
    key: str | None = None          # None: batches by ctid page ranges
    pages: int = 0
    tuples_per_page: float | None = None
    expired: int = 0                # capped at COUNT_CAP


def decide(rp: ResolvedPolicy, cutoff: Any, batch_size: int) -> tuple[str, Action]:
    """Pure: whether to act on one policy ('act', 'not_needed' or 'refused') and the Action."""
    p = rp.policy
    obj = f"{rp.schema}.{rp.name}" if rp.exists else p.table
    detail: dict[str, Any] = {"policy": p.name or p.table, "time_column": p.time_column,
                              "older_than": str(p.older_than), "cutoff": cutoff,
                              "condition": p.condition, "batch_size": batch_size,
                              "tuples_per_page": rp.tuples_per_page}
    if not rp.exists:
        return "refused", Action("cleanup", "delete expired rows", obj,
                                 f"table {p.table} does not exist", {**detail, "refusal":
                                 f"table {p.table} does not exist (check the policy)"})
    if rp.time_type is None:
        return "refused", Action("cleanup", "delete expired rows", obj,
                                 f"column {p.time_column} does not exist",
                                 {**detail, "refusal": f"column {p.time_column} does not exist"})
    detail.update(key=rp.key or "ctid", expired=rp.expired)
    if rp.expired == 0:
        return "not_needed", Action("cleanup", "delete expired rows", obj,
                                    f"no row older than {p.older_than} (cutoff {cutoff:%Y-%m-%d %H:%M:%S%z})",
                                    detail)
    more = "≥" if rp.expired >= COUNT_CAP else ""
    return "act", Action("cleanup", "delete expired rows", obj,
                         f"{more}{rp.expired} rows with {p.time_column} older than {p.older_than} "
                         f"(cutoff {cutoff:%Y-%m-%d %H:%M:%S%z}), in batches of {batch_size} by "
                         f"{rp.key or 'ctid'}", detail)


def _batch(ctx: Context, q: sql.Composed, params: dict[str, Any]) -> Any:
    """One batch and its count in task_runs, in one transaction: killed at any point, the
    recorded rows_affected is exactly what was deleted."""
    with ctx.conn.transaction():
        row = ctx.conn.execute(q, params).fetchone()
        if row is not None:
            ctx.record_progress(int(row["n"]))
    return row


class CleanupTask:
    name = "cleanup"

    def plan(self, ctx: Context) -> Plan:
        s = ctx.settings.cleanup
        actions: list[Action] = []
        not_needed: list[Action] = []
        refused: list[Action] = []
        if not s.policies:
            not_needed.append(Action("cleanup", "no retention policy", "configured",
                                     "pgwarden.toml has no [[maintenance.cleanup.policies]], so "
                                     "nothing is deleted; examples/pgwarden.toml has the CMS's"))
        wanted = set(ctx.options.tables)
        names = {p.name or p.table for p in s.policies} | {p.table for p in s.policies}
        missing = sorted(wanted - names)
        if missing:
            known = ", ".join(sorted(names)) or "none configured"
            raise UsageError(f"no such cleanup policy or table: {', '.join(missing)} (policies: {known})")
        for p in s.policies:
            if ctx.options.tables and p.table not in ctx.options.tables and p.name not in ctx.options.tables:
                continue
            cond = normalise_condition(p.condition)
            cutoff = self._cutoff(ctx, p)
            rp = self._resolve(ctx, p, cond, cutoff)
            verdict, action = decide(rp, cutoff, s.batch_size)
            action.detail["_sql_condition"] = cond
            {"act": actions, "not_needed": not_needed, "refused": refused}[verdict].append(action)
        return Plan("cleanup", tuple(actions), tuple(not_needed), tuple(refused))

    @staticmethod
    def _cutoff(ctx: Context, p: CleanupPolicy) -> Any:
        with ctx.conn.cursor() as cur:
            cur.execute(sqlfiles.load("maintenance/now"), {"age_s": p.older_than.seconds})
            row = cur.fetchone()
        assert row is not None
        return row["cutoff"]

    @staticmethod
    def _resolve(ctx: Context, p: CleanupPolicy, cond: str, cutoff: Any) -> ResolvedPolicy:
        with ctx.conn.cursor() as cur:
            cur.execute(sqlfiles.load("maintenance/cleanup_table"),
                        {"table": p.table, "time_column": p.time_column})
            row = cur.fetchone()
            if row is None:
                return ResolvedPolicy(p, exists=False)
            key = p.key or row["pk"]
            rp = ResolvedPolicy(p, True, row["schema"], row["name"], row["time_type"], key,
                                int(row["pages"] or 0), row["tuples_per_page"])
            if rp.time_type is None:
                return rp
            q = sql.SQL(sqlfiles.load("maintenance/cleanup_count")).format(
                table=sql.Identifier(rp.schema, rp.name), time_column=sql.Identifier(p.time_column),
                condition=sql.SQL(cond))  # noqa: S608 - cond re-printed by PostgreSQL's parser
            cur.execute(q, {"cutoff": cutoff, "cap": COUNT_CAP})
            n = cur.fetchone()
        assert n is not None
        return ResolvedPolicy(**{**rp.__dict__, "expired": int(n["n"])})

    def execute(self, plan: Plan, ctx: Context, report: Report) -> None:
        for a in plan.actions:
            reason = ctx.skip_reason_if_budget_spent()
            if reason:
                report(Outcome.of(a, SKIPPED, message=reason))
                continue
            done = [0]
            try:
                report(self._one(a, ctx, done))
            except (KeyboardInterrupt, psycopg.OperationalError):
                # Ctrl-C/SIGTERM, or the connection lost (a switchover shut the primary down):
                # the batch in progress rolled back, the committed ones stay
                report(Outcome.of(a, FAILED, rows=done[0],
                                  message=f"interrupted after {done[0]} rows; the rest is left "
                                          "for the next run"))
                raise

    def _one(self, a: Action, ctx: Context, done: list[int]) -> Outcome:
        s = ctx.settings.cleanup
        d = a.detail
        schema, _, name = a.object.partition(".")
        fmt = {"table": sql.Identifier(schema, name), "time_column": sql.Identifier(d["time_column"]),
               "condition": sql.SQL(d["_sql_condition"])}
        t0 = time.monotonic()
        deleted = 0
        batches = 0
        pauses = lag.Pauses()
        from pgwarden.output import progress

        try:
            with progress(f"cleanup {a.object}", d.get("expired") or None,
                          enabled=ctx.options.progress) as advance:
                if d["key"] != "ctid":
                    q = sql.SQL(sqlfiles.load("maintenance/cleanup_batch_key")).format(
                        key=sql.Identifier(d["key"]), t_key=sql.Identifier("t", d["key"]), **fmt)
                    after: Any = None
                    while True:
                        msg = self._guard(ctx, pauses)
                        if msg:
                            return Outcome.of(a, SKIPPED, duration=time.monotonic() - t0, rows=deleted,
                                              message=f"{msg} after {deleted} rows in {batches} batches; "
                                                      "the rest is left for the next run")
                        params = {"first": after is None, "after": after, "cutoff": d["cutoff"],
                                  "limit": s.batch_size}
                        row = with_lock_retries(ctx, partial(_batch, ctx, q, params), a.object)
                        assert row is not None
                        batches += 1
                        deleted += int(row["n"])
                        done[0] = deleted
                        advance(int(row["n"]))
                        if row["last_key"] is None:
                            break
                        after = row["last_key"]
                        time.sleep(s.pause.seconds)
                else:
                    q = sql.SQL(sqlfiles.load("maintenance/cleanup_batch_ctid")).format(**fmt)
                    tpp = float(d.get("tuples_per_page") or 0) or 50.0
                    step = max(1, int(s.batch_size / tpp))
                    page = 0
                    while True:
                        msg = self._guard(ctx, pauses)
                        if msg:
                            return Outcome.of(a, SKIPPED, duration=time.monotonic() - t0, rows=deleted,
                                              message=f"{msg} after {deleted} rows; the rest is left "
                                                      "for the next run")
                        pages = with_lock_retries(ctx, partial(self._pages, ctx, schema, name),
                                                  a.object)
                        if page >= pages:
                            break
                        params = {"from_page": page, "to_page": page + step, "cutoff": d["cutoff"]}
                        row = with_lock_retries(ctx, partial(_batch, ctx, q, params), a.object)
                        assert row is not None
                        batches += 1
                        deleted += int(row["n"])
                        done[0] = deleted
                        advance(int(row["n"]))
                        page += step
                        if row["n"]:
                            time.sleep(s.pause.seconds)
        except LockRetriesExhausted as exc:
            return Outcome.of(a, SKIPPED, duration=time.monotonic() - t0, rows=deleted,
                              message=f"{exc}; {deleted} rows deleted before")
        except pgerrors.InsufficientPrivilege as exc:
            return Outcome.of(a, FAILED, duration=time.monotonic() - t0, rows=deleted,
                              message=privilege_message(exc, f"DELETE on {a.object}")
                              + " (needs SELECT and DELETE on the table; owning it is enough)")
        except psycopg.Error as exc:
            raise_if_connection_lost(ctx.conn)
            return Outcome.of(a, FAILED, duration=time.monotonic() - t0, rows=deleted,
                              message=f"{' '.join(str(exc).split())}; {deleted} rows deleted before")
        return Outcome.of(a, DONE, duration=time.monotonic() - t0, rows=deleted,
                          message=f"{deleted} rows deleted in {batches} batches{pauses.note()}")

    @staticmethod
    def _pages(ctx: Context, schema: str, name: str) -> int:
        with ctx.conn.cursor() as cur:
            cur.execute(sqlfiles.load("maintenance/relation_pages"), {"schema": schema, "name": name})
            row = cur.fetchone()
        return int(row["pages"]) if row else 0

    @staticmethod
    def _guard(ctx: Context, pauses: lag.Pauses | None = None) -> str | None:
        """Role, budget and replica-lag guard (``maintenance.lag``), checked before each batch."""
        try:
            ctx.check_role()
        except Interrupted as exc:  # reported with the rows deleted so far; the run then stops
            return f"interrupted ({exc.reason})"
        if ctx.budget.spent():
            return f"budget of {ctx.budget.seconds:g}s spent"
        s = ctx.settings.cleanup
        limits = lag.Limits(max_lag_s=s.max_replica_lag.seconds if s.max_replica_lag else None,
                            max_lag_bytes=s.max_replica_lag_bytes, lag_unknown=s.lag_unknown)
        return lag.wait_for_replicas(
            ctx.conn, limits, pauses if pauses is not None else lag.Pauses(),
            max_wait=s.max_lag_wait.seconds, poll=max(0.2, s.pause.seconds),
            budget_spent=ctx.budget.spent)
