"""refresh: materialized views in dependency order, without blocking readers.

- Order comes from the views' rewrite rules (pg_rewrite → pg_depend): a view is refreshed after
  every materialized view it reads, directly or through plain views.
- ``REFRESH MATERIALIZED VIEW CONCURRENTLY`` (readers keep reading; it takes an EXCLUSIVE lock
  that allows SELECT) needs a unique index that is valid, non-partial and on plain columns.
  Without one, refreshing blocks readers: refused unless ``--allow-blocking``.
- An unpopulated view (``WITH NO DATA``) cannot be refreshed CONCURRENTLY (PostgreSQL raises
  "CONCURRENTLY cannot be used when the materialized view is not populated"); it is refreshed
  plainly. Nobody can read it yet, so that blocks no reader.
- Skipped when the inputs' write counters (pg_stat_all_tables, summed over the base tables
  reached through views) equal those recorded at the last successful refresh, unless ``--force``.
"""

from __future__ import annotations

import graphlib
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import psycopg
from psycopg import errors as pgerrors
from psycopg import sql

from pgwarden import sql as sqlfiles
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
    name_matches,
    privilege_message,
    raise_if_connection_lost,
    wanted_match,
    with_lock_retries,
)


@dataclass(frozen=True)
class ViewFacts:
    oid: int
    schema: str
    name: str
    populated: bool
    has_unique_index: bool
    can_maintain: bool
    owner: str
    mview_inputs: tuple[int, ...]   # materialized views read (directly or through views)
    base_tables: tuple[int, ...]    # tables read (directly or through views / other mviews)
    counter: int | None             # sum of the base tables' write counters (None: unknown)
    recorded_counter: int | None
    last_success_at: Any = None

    @property
    def qualified(self) -> str:
        return f"{self.schema}.{self.name}"


def expand_inputs(graph: Mapping[int, Mapping[str, Any]], oid: int) -> tuple[set[int], set[int]]:
    """Pure: (materialized views, base tables) that view ``oid`` reads, through plain views;
    base tables are followed through materialized views too (their data comes from them)."""
    mviews: set[int] = set()
    tables: set[int] = set()
    seen: set[int] = set()
    stack = list(graph[oid]["inputs"])
    while stack:
        rel = stack.pop()
        if rel in seen or rel == oid:
            continue
        seen.add(rel)
        node = graph.get(rel)
        if node is None:
            tables.add(rel)
            continue
        if node["relkind"] == "m":
            mviews.add(rel)
        stack.extend(node["inputs"])
    return mviews, tables


def order_views(views: Sequence[ViewFacts]) -> list[ViewFacts]:
    """Pure: views sorted so that every view comes after the materialized views it reads."""
    by_oid = {v.oid: v for v in views}
    ts: graphlib.TopologicalSorter[int] = graphlib.TopologicalSorter()
    for v in sorted(views, key=lambda v: v.qualified):
        ts.add(v.oid, *[m for m in v.mview_inputs if m in by_oid])
    return [by_oid[o] for o in ts.static_order()]


def views_in_order(conn: psycopg.Connection[Any], version_num: int,
                   schema: str | None = None) -> list[tuple[str, str]]:
    """(schema, name) of the materialized views (of ``schema`` when given), each after the
    materialized views it reads: the order ``maintain refresh`` uses, from the catalog only."""
    with conn.cursor(row_factory=psycopg.rows.dict_row) as cur:
        cur.execute(sqlfiles.load_for("maintenance/view_graph", version_num))
        graph = {int(r["oid"]): r for r in cur.fetchall()}
    ts: graphlib.TopologicalSorter[int] = graphlib.TopologicalSorter()
    wanted = {oid for oid, r in graph.items()
              if r["relkind"] == "m" and (schema is None or r["schema"] == schema)}
    for oid in sorted(wanted, key=lambda o: (graph[o]["schema"], graph[o]["name"])):
        ts.add(oid, *sorted(m for m in expand_inputs(graph, oid)[0] if m in wanted))
    return [(graph[o]["schema"], graph[o]["name"]) for o in ts.static_order()]


def decide(views: Sequence[ViewFacts], *, force: bool, allow_blocking: bool,
           user: str) -> Plan:
    """Pure: the refresh plan for ``views`` (already in dependency order)."""
    actions: list[Action] = []
    not_needed: list[Action] = []
    refused: list[Action] = []
    acting: set[int] = set()
    for v in views:
        upstream = [m for m in v.mview_inputs if m in acting]
        if not v.populated:
            why = ("not populated (WITH NO DATA): refreshed plainly, CONCURRENTLY is impossible "
                   "and it has no readers yet")
        elif force:
            why = "--force"
        elif upstream:
            why = "an input materialized view is refreshed first"
        elif v.recorded_counter is None:
            why = "no successful refresh recorded by pgwarden yet"
        elif v.counter is None:
            why = "inputs' write counters unavailable: cannot tell whether they changed"
        elif v.counter != v.recorded_counter:
            why = (f"inputs changed: {v.counter - v.recorded_counter:+,} writes since the last "
                   f"refresh")
        else:
            when = f" ({v.last_success_at:%Y-%m-%d %H:%M:%S%z})" if v.last_success_at else ""
            not_needed.append(Action("refresh", "refresh", v.qualified,
                                     f"inputs unchanged since the last refresh{when}", {}))
            continue
        detail: dict[str, Any] = {"oid": v.oid, "schema": v.schema, "name": v.name, "counter": v.counter,
                                  "mview_inputs": list(v.mview_inputs)}
        if not v.can_maintain:
            refused.append(Action("refresh", "refresh", v.qualified, why, {
                **detail, "refusal": f"role {user} may not refresh it: only its owner ({v.owner}) "
                                     "or a member of that role may"}))
            continue
        if not v.populated:
            action = "refresh (not populated)"
        elif v.has_unique_index:
            action = "refresh concurrently"
        elif allow_blocking:
            action = "refresh (blocking)"
            why += "; no usable unique index, --allow-blocking given: readers wait"
        else:
            refused.append(Action("refresh", "refresh", v.qualified, why, {
                **detail, "refusal": "no usable unique index (valid, non-partial, on plain "
                "columns), so REFRESH would block readers: add one, or pass --allow-blocking"}))
            continue
        acting.add(v.oid)
        actions.append(Action("refresh", action, v.qualified, why, detail))
    return Plan("refresh", tuple(actions), tuple(not_needed), tuple(refused))


class RefreshTask:
    name = "refresh"

    def plan(self, ctx: Context) -> Plan:
        views = order_views(self.facts(ctx))
        if ctx.options.views:
            wanted = set(ctx.options.views)
            views = [v for v in views if wanted_match(wanted, v.schema, v.name)]
            missing = {w for w in wanted if not any(name_matches(w, v.schema, v.name) for v in views)}
            if missing:
                from pgwarden.errors import UsageError

                raise UsageError(f"no such materialized view: {', '.join(sorted(missing))}")
        allow = ctx.options.allow_blocking or ctx.settings.refresh.allow_blocking
        return decide(views, force=ctx.options.force, allow_blocking=allow, user=ctx.facts.user)

    @staticmethod
    def facts(ctx: Context) -> list[ViewFacts]:
        with ctx.conn.cursor() as cur:
            cur.execute(sqlfiles.load_for("maintenance/view_graph", ctx.facts.version_num))
            graph = {int(r["oid"]): r for r in cur.fetchall()}
            cur.execute(sqlfiles.load("maintenance/table_write_counters"))
            counters = {int(r["oid"]): int(r["writes"]) for r in cur.fetchall()}
            recorded: dict[tuple[str, str], Mapping[str, Any]] = {}
            if ctx.state_ready:
                cur.execute(sqlfiles.load("maintenance/mview_state"))
                recorded = {(r["view_schema"], r["view_name"]): r for r in cur.fetchall()}
        wanted_views = ctx.settings.refresh.views
        out: list[ViewFacts] = []
        for oid, r in graph.items():
            if r["relkind"] != "m":
                continue
            if wanted_views and f"{r['schema']}.{r['name']}" not in wanted_views \
                    and r["name"] not in wanted_views:
                continue
            mviews, tables = expand_inputs(graph, oid)
            counter: int | None = None
            if all(t in counters for t in tables):
                counter = sum(counters[t] for t in tables)
            rec = recorded.get((r["schema"], r["name"]))
            out.append(ViewFacts(
                oid, r["schema"], r["name"], bool(r["populated"]), bool(r["has_unique_index"]),
                bool(r["can_maintain"]), r["owner"], tuple(sorted(mviews)), tuple(sorted(tables)),
                counter,
                # the counter is written only by a successful refresh, so it stays the one of the
                # last success even when a later refresh was killed ('running') or failed
                int(rec["input_write_counter"]) if rec and rec["input_write_counter"] is not None
                and rec["last_success_at"] is not None else None,
                rec["last_success_at"] if rec else None))
        return out

    def execute(self, plan: Plan, ctx: Context, report: Report) -> None:
        not_refreshed: set[int] = set()
        from pgwarden.output import progress

        with progress("refresh", len(plan.actions), enabled=ctx.options.progress) as advance:
            for a in plan.actions:
                advance(0, description=f"refresh {a.object}")
                reason = ctx.skip_reason_if_budget_spent()
                if reason is None and any(m in not_refreshed for m in a.detail["mview_inputs"]):
                    reason = "an input materialized view was not refreshed in this run"
                o = Outcome.of(a, SKIPPED, message=reason) if reason else self._one(ctx, a)
                if o.outcome != DONE:
                    not_refreshed.add(a.detail["oid"])
                report(o)
                advance(1)

    @staticmethod
    def _one(ctx: Context, a: Action) -> Outcome:
        ident = sql.Identifier(a.detail["schema"], a.detail["name"])
        stmt = (sql.SQL("REFRESH MATERIALIZED VIEW CONCURRENTLY {}") if a.action == "refresh concurrently"
                else sql.SQL("REFRESH MATERIALIZED VIEW {}")).format(ident)
        key = {"schema": a.detail["schema"], "name": a.detail["name"]}
        conn = ctx.conn
        conn.execute(sqlfiles.load("maintenance/mview_started"), key)
        t0 = time.monotonic()
        error: str | None = None
        outcome = DONE
        try:
            with_lock_retries(ctx, lambda: conn.execute(stmt), a.object)
        except LockRetriesExhausted as exc:
            outcome, error = SKIPPED, str(exc)
        except pgerrors.InsufficientPrivilege as exc:
            outcome, error = FAILED, privilege_message(exc, f"REFRESH of {a.object}") + \
                " (only the owner may refresh a materialized view)"
        except psycopg.Error as exc:
            raise_if_connection_lost(conn)
            outcome, error = FAILED, " ".join(str(exc).split())
        took = time.monotonic() - t0
        conn.execute(sqlfiles.load("maintenance/mview_finished"),
                     {**key, "outcome": "success" if outcome == DONE else outcome, "error": error,
                      "duration": took, "counter": a.detail["counter"]})
        return Outcome.of(a, outcome, duration=took, message=error or "")
