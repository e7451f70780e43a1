"""reindex: rebuild invalid and bloated indexes with REINDEX CONCURRENTLY, safely.

- INVALID indexes (a failed CREATE INDEX CONCURRENTLY) are rebuilt; invalid leftovers of a
  cancelled REINDEX CONCURRENTLY (PostgreSQL names them ``<index>_ccnew``/``_ccold``) are dropped
  with DROP INDEX CONCURRENTLY. Neither is touched while a CREATE INDEX/REINDEX is in progress on
  the table (pg_stat_progress_create_index): that invalid index may be the one being built.
- Bloat is estimated for btree indexes from the catalog (index tuples × average key width from
  pg_stats, against the pages the index occupies). The estimate carries a confidence: "high"
  only when every key column has statistics and the table was analyzed recently and has not
  changed much since; otherwise it is reported and not acted on. When pgstattuple is installed,
  ``pgstatindex`` measures the leaf density and must confirm the bloat before a rebuild.
- A rebuild needs room for the new index next to the old one: refused when the measured free
  space is below margin × estimated new size, or when free space is unknown and the policy says
  refuse (see ``diskspace``).
"""

from __future__ import annotations

import math
import re
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import psycopg
from psycopg import errors as pgerrors
from psycopg import sql

from pgwarden import sql as sqlfiles
from pgwarden.errors import UsageError
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
    unknown_names,
    wanted_match,
    with_lock_retries,
)
from pgwarden.maintenance.diskspace import FreeSpace, free_space
from pgwarden.maintenance.settings import ReindexSettings, parse_size

LEFTOVER = re.compile(r"_cc(new|old)[0-9]*$")


@dataclass(frozen=True)
class BloatEstimate:
    expected_bytes: int | None
    ratio: float | None        # wasted fraction of the index, 0..1
    confidence: str            # "high" | "low" | "none"
    why: str                   # what the confidence rests on


def estimate_bloat(r: Mapping[str, Any], s: ReindexSettings) -> BloatEstimate:
    """Pure: expected size of a freshly built btree index and the wasted fraction.

    Leaf tuple = MAXALIGN(8-byte IndexTuple header + key width) + 4-byte line pointer; a page
    holds (block_size - 24 header - 16 btree special) × fillfactor of them; +1% for inner pages
    and the metapage. Confidence drops when the inputs cannot be trusted."""
    if r["access_method"] != "btree":
        return BloatEstimate(None, None, "none", f"{r['access_method']} index: only btree is estimated")
    if r["has_expressions"]:
        return BloatEstimate(None, None, "none", "expression index: key width unknown")
    if r["columns_without_stats"] or r["last_analyze"] is None:
        return BloatEstimate(None, None, "none", "no statistics for its columns (never analyzed)")
    block = int(r["block_size"])
    size = int(r["size_bytes"])
    tuple_bytes = math.ceil((8 + int(r["key_width"])) / 8) * 8 + 4
    usable = (block - 24 - 16) * int(r["fillfactor"]) / 100
    leaf_pages = math.ceil(float(r["index_tuples"]) * tuple_bytes / usable) if usable > 0 else 0
    expected = int((leaf_pages * 1.01 + 1) * block)
    ratio = max(0.0, 1 - expected / size) if size else 0.0
    stale = []
    if r["analyze_age_s"] is not None and float(r["analyze_age_s"]) > s.stats_max_age.seconds:
        stale.append(f"last analyze older than {s.stats_max_age}")
    base = max(float(r["table_tuples"]), 1.0)
    if int(r["n_mod_since_analyze"]) / base > s.stale_mod_ratio:
        stale.append(f"{int(r['n_mod_since_analyze']):,} rows modified since the last analyze")
    if stale:
        return BloatEstimate(expected, ratio, "low", "; ".join(stale))
    return BloatEstimate(expected, ratio, "high", "fresh statistics for every key column")


def _leftover_of(candidate: str, index: str) -> bool:
    """Pure: ``candidate`` is a ``_ccnew``/``_ccold`` leftover of ``index`` (whose name PostgreSQL
    may have truncated to fit 63 bytes before adding the suffix)."""
    base = LEFTOVER.sub("", candidate)
    return base != candidate and index.startswith(base) and len(base) >= min(len(index), 40)


def _mb(n: float) -> str:
    return f"{n / 1024 / 1024:.1f} MB"


class ReindexTask:
    name = "reindex"

    def plan(self, ctx: Context) -> Plan:
        s = ctx.settings.reindex
        min_size = parse_size(s.min_index_size)
        with ctx.conn.cursor() as cur:
            cur.execute(sqlfiles.load("maintenance/index_candidates"))
            rows = cur.fetchall()
        wanted = set(ctx.options.tables)
        missing = unknown_names(wanted, rows, "table_schema", "table_name")
        if missing:
            raise UsageError(f"no such table with indexes: {', '.join(missing)}")
        actions: list[Action] = []
        not_needed: list[Action] = []
        refused: list[Action] = []
        spaces: dict[int, FreeSpace] = {}
        for r in rows:
            table = f"{r['table_schema']}.{r['table_name']}"
            if wanted and not wanted_match(wanted, r["table_schema"], r["table_name"]):
                continue
            obj = f"{r['schema']}.{r['name']}"
            detail: dict[str, Any] = {"schema": r["schema"], "name": r["name"], "table": table,
                                      "size_bytes": int(r["size_bytes"])}
            verdict, action = self._decide(ctx, r, s, min_size, obj, detail)
            if action is None or verdict is None:
                continue
            if verdict == "act" and action.action == "reindex concurrently":
                refusal = self._disk_refusal(ctx, r, action, spaces)
                if refusal:
                    verdict = "refused"
                    action.detail["refusal"] = refusal
            if not r["can_maintain"] and verdict in ("act", "refused"):
                verdict = "refused"
                action.detail["refusal"] = (f"role {ctx.facts.user} may not reindex it: only the "
                                            f"owner of {table} ({r['owner']}) may")
            {"act": actions, "refused": refused, "not_needed": not_needed}[verdict].append(action)
        # Leftovers first: they only cost space and get in the way of the next REINDEX.
        actions.sort(key=lambda a: a.action != "drop leftover index")
        return Plan("reindex", tuple(actions), tuple(not_needed), tuple(refused))

    @staticmethod
    def _decide(ctx: Context, r: Mapping[str, Any], s: ReindexSettings, min_size: int, obj: str,
                detail: dict[str, Any]) -> tuple[str | None, Action | None]:
        building = r["build_pid"]
        if not r["valid"]:
            if building:
                return "refused", Action("reindex", "reindex concurrently", obj, "INVALID index", {
                    **detail, "refusal": f"a CREATE INDEX/REINDEX is in progress on {detail['table']} "
                                         f"(pid {building}): this invalid index may be its work"})
            if r["leftover_name"]:
                return "act", Action("reindex", "drop leftover index", obj,
                                     "INVALID leftover of a cancelled REINDEX CONCURRENTLY "
                                     f"({_mb(r['size_bytes'])} wasted, slows writes)", detail)
            return "act", Action("reindex", "reindex concurrently", obj,
                                 "INVALID index (a failed CREATE INDEX CONCURRENTLY): unused by "
                                 "queries, still maintained on every write", {
                                     **detail, "expected_bytes": int(r["size_bytes"])})
        if int(r["size_bytes"]) < min_size:
            return None, None
        est = estimate_bloat(r, s)
        detail.update(bloat_ratio=est.ratio, confidence=est.confidence,
                      expected_bytes=est.expected_bytes)
        if est.ratio is None or est.ratio < s.bloat_ratio:
            return None, None
        said = (f"estimated bloat {est.ratio:.0%} ({_mb(r['size_bytes'])} → ~"
                f"{_mb(est.expected_bytes or 0)}), confidence {est.confidence}")
        if est.confidence != "high":
            return "not_needed", Action("reindex", "reindex concurrently", obj,
                                        f"{said}: not acted on ({est.why}); run ANALYZE "
                                        f"{detail['table']} first", detail)
        if ctx.facts.installed("pgstattuple"):
            try:
                with ctx.conn.cursor() as cur:
                    cur.execute(sqlfiles.load("maintenance/pgstatindex"), {"oid": int(r["oid"])})
                    m = cur.fetchone()
            except pgerrors.InsufficientPrivilege:
                said += "; pgstatindex not permitted (grant pg_stat_scan_tables to confirm)"
            except pgerrors.LockNotAvailable:
                return "refused", Action("reindex", "reindex concurrently", obj, said, {
                    **detail, "refusal": "pgstatindex could not lock the index within lock_timeout "
                                         "to confirm the estimate"})
            else:
                if m and m["leaf_pages"]:
                    measured = max(0.0, 1 - float(m["avg_leaf_density"]) / int(r["fillfactor"]))
                    detail["measured_bloat_ratio"] = measured
                    said += f"; pgstatindex measures {measured:.0%}"
                    if measured < s.bloat_ratio:
                        return "not_needed", Action("reindex", "reindex concurrently", obj,
                                                    f"{said}: below {s.bloat_ratio:.0%}, not rebuilt",
                                                    detail)
        if building:
            return "refused", Action("reindex", "reindex concurrently", obj, said, {
                **detail, "refusal": f"a CREATE INDEX/REINDEX is in progress on {detail['table']} "
                                     f"(pid {building})"})
        return "act", Action("reindex", "reindex concurrently", obj, f"{said} ≥ {s.bloat_ratio:.0%}",
                             detail)

    @staticmethod
    def _disk_refusal(ctx: Context, r: Mapping[str, Any], a: Action,
                      cache: dict[int, FreeSpace]) -> str | None:
        s = ctx.settings.reindex
        ts = int(r["tablespace"])
        if ts not in cache:
            cache[ts] = free_space(ctx.conn, ts)
        fs = cache[ts]
        need = int(s.free_space_margin * max(int(a.detail.get("expected_bytes") or 0), 8192))
        a.detail.update(free_bytes=fs.free_bytes, needed_bytes=need, free_space_source=fs.how)
        if fs.free_bytes is None:
            if s.unknown_free_space == "allow":
                return None
            return (f"{fs.how}; maintenance.reindex.unknown_free_space = 'refuse' (set 'allow' to "
                    f"rebuild without knowing; needs ~{_mb(need)})")
        if fs.free_bytes < need:
            return (f"not enough free disk: needs {_mb(need)} ({s.free_space_margin:g} × the new "
                    f"index), {_mb(fs.free_bytes)} free (measured with {fs.how})")
        return None

    def execute(self, plan: Plan, ctx: Context, report: Report) -> None:
        from pgwarden.output import progress

        with progress("reindex", len(plan.actions), enabled=ctx.options.progress) as advance:
            for a in plan.actions:
                advance(0, description=f"{a.action} {a.object}")
                reason = ctx.skip_reason_if_budget_spent()
                report(Outcome.of(a, SKIPPED, message=reason) if reason else self._one(ctx, a))
                advance(1)

    def _one(self, ctx: Context, a: Action) -> Outcome:
        ident = sql.Identifier(a.detail["schema"], a.detail["name"])
        if a.action == "drop leftover index":
            stmt = sql.SQL("DROP INDEX CONCURRENTLY IF EXISTS {}").format(ident)
        else:
            stmt = sql.SQL("REINDEX INDEX CONCURRENTLY {}").format(ident)
        t0 = time.monotonic()
        try:
            with_lock_retries(ctx, lambda: ctx.conn.execute(stmt), a.object)
        except LockRetriesExhausted as exc:
            self._drop_leftovers(ctx, a)
            return Outcome.of(a, SKIPPED, duration=time.monotonic() - t0, message=str(exc))
        except pgerrors.InsufficientPrivilege as exc:
            return Outcome.of(a, FAILED, duration=time.monotonic() - t0,
                              message=privilege_message(exc, f"{a.action} of {a.object}")
                              + " (only the table's owner may reindex or drop its indexes)")
        except psycopg.Error as exc:
            raise_if_connection_lost(ctx.conn)
            msg = " ".join(str(exc).split())
            dropped = self._drop_leftovers(ctx, a)
            if dropped:
                msg += f"; dropped its leftovers {', '.join(dropped)}"
            return Outcome.of(a, FAILED, duration=time.monotonic() - t0, message=msg)
        return Outcome.of(a, DONE, duration=time.monotonic() - t0)

    @staticmethod
    def _drop_leftovers(ctx: Context, a: Action) -> list[str]:
        """A failed REINDEX CONCURRENTLY leaves ``<index>_ccnew`` behind, invalid: drop it now
        rather than leave it slowing every write until the next run."""
        if a.action != "reindex concurrently" or ctx.conn.closed:
            return []
        dropped = []
        try:
            with ctx.conn.cursor() as cur:
                cur.execute(sqlfiles.load("maintenance/leftover_indexes"), {"schema": a.detail["schema"]})
                names = [r["name"] for r in cur.fetchall()
                         if _leftover_of(r["name"], a.detail["name"])]
            for n in names:
                ctx.conn.execute(sql.SQL("DROP INDEX CONCURRENTLY IF EXISTS {}").format(
                    sql.Identifier(a.detail["schema"], n)))
                dropped.append(n)
        except psycopg.Error:
            pass  # the next run drops them
        return dropped
