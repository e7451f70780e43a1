"""Phase 7b, validate (``advise --validate``): the kept candidates built for real, on copies.

hypopg prices an index that does not exist, with the table's visibility map as it is today, and
the advisor's own model prices what hypopg cannot; both are estimates. With the user's leave,
this phase checks them: in its own session it copies each table a kept candidate is on into a
TEMPORARY table of the same name (the whole table when it has at most ``validate_rows`` rows,
else a ``TABLESAMPLE SYSTEM`` sample of about that many), gives the copy the table's indexes
and per-column statistics targets, ``VACUUM (ANALYZE)``s it, then plans each statement the
candidate helps without and with the candidate really built on the copy (and vacuumed, so that
an index-only scan sees an all-visible map). Statements that carry their values (``--queries``
literals, pg_qualstats constants) are also run, ``EXPLAIN (ANALYZE, BUFFERS)`` in a READ ONLY
transaction that is rolled back, and timed.

Why temporary tables: they are private to the session, invisible to every other one, and the
server drops them when the session ends, also when pgwarden is killed with ``kill -9``: nothing
is left behind to clean up. The user's tables are only read, by the copy's ``SELECT`` (ACCESS
SHARE, under ``lock_timeout``: a table locked by DDL is skipped with a line). The server looks
in ``pg_temp`` first for unqualified names; statements naming a table with its schema are
rewritten (their parse tree, pglast) to name ``pg_temp``. A standby cannot create temporary
tables: ``--validate`` is refused there (exit 2).

Each candidate is validated alone (the copy with its existing indexes, plus that one). Its
validated gain is the share of the helped statements' cost (weighted by calls) the real index
saves on the copy; one below ``min_improvement`` is dropped with the figures. Gains are ratios,
so a sample's smaller costs compare with the estimate's; the figures themselves are the
sample's and say so. The budget (``validate_budget`` seconds) is the session's
``statement_timeout`` for every step; when it is spent, what is left is "not validated
(budget)" and stays as the estimate decided.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

import psycopg
from pglast import ast as _pglast_ast
from pglast import parse_sql, visitors
from pglast.stream import RawStream
from psycopg import sql

from pgwarden import db
from pgwarden import sql as sqlfiles
from pgwarden.analyzers.advisor.catalog import Table
from pgwarden.analyzers.advisor.cost import cost_with
from pgwarden.analyzers.advisor.model import Query, Validation
from pgwarden.analyzers.advisor.parse import TableRef
from pgwarden.analyzers.advisor.repair import walk
from pgwarden.analyzers.advisor.selection import Decision
from pgwarden.analyzers.advisor.settings import AdviseSettings
from pgwarden.analyzers.advisor.whatif import CannotPlan, WhatIf
from pgwarden.topology.role import StandbyError, is_standby

ast: Any = _pglast_ast
Progress = Callable[..., None]
Key = tuple[str, str]  # (schema, table) of a user's table

CONFIRMED = "confirmed"
REJECTED = "rejected"
BUDGET = "not validated (budget)"
SKIPPED = "not validated"
APPLICATION_NAME = "pgwarden advise (validation)"
TEMP_BUFFERS = "64MB"  # local buffers of the validation session (the copies are read there)


class BudgetSpent(Exception):
    """The validation budget ran out (the step in progress was cancelled by the server)."""


def refuse_on_standby(conn: Any) -> None:
    """``--validate`` needs temporary tables, which a hot standby cannot create: StandbyError
    (exit 2) there, before any work."""
    if is_standby(conn):
        raise StandbyError(
            "advise --validate builds its candidates on temporary copies, which a standby "
            "(in recovery) cannot create", hint="run it against the primary, or without --validate")


@dataclass
class _Copy:
    """A user's table copied into pg_temp: the fraction of its rows copied, or why not."""

    table: Table
    fraction: float | None = None
    rows: int = 0
    error: str | None = None


def run(dsn: str, version_num: int, decisions: Sequence[Decision], reads: Mapping[int, Query],
        tables: Mapping[TableRef, Table], s: AdviseSettings, *, budget: float | None = None,
        progress: Progress | None = None) -> tuple[list[Decision], dict[str, Validation], str]:
    """Validate the kept decisions (in rank order) on temporary copies; returns the decisions
    (those the validation drops turned into rejections, the kept ones ranked again), each
    validated candidate's record by signature, and a one-line note on the whole run."""
    budget = s.validate_budget if budget is None else budget
    deadline = time.monotonic() + budget
    kept = [d for d in decisions if d.kept]
    out: dict[str, Validation] = {}
    made: dict[Key, _Copy] = {}  # every copy made (for the summary)
    by_key = {(t.schema, t.name): t for t in tables.values()}
    started = time.monotonic()
    spent = False
    baselines: Baselines = {}
    # one table at a time, in the order of its best-ranked candidate: its copy is dropped before
    # the next is made (two tables of the same name in different schemas take turns in pg_temp,
    # and a statement joining another table reads that one as it is)
    order: dict[Key, list[Decision]] = {}
    for d in kept:
        order.setdefault((d.candidate.schema, d.candidate.table), []).append(d)
    with WhatIf(dsn, version_num, use_hypopg=False, application_name=APPLICATION_NAME) as wi:
        wi.conn.execute(sqlfiles.load("analyzers/advisor/validate_session"),
                        {"temp_buffers": TEMP_BUFFERS})
        for group in order.values():
            copies: dict[Key, _Copy] = {}
            try:
                for d in group:
                    if progress is not None:
                        progress(1 / max(len(kept), 1),
                                 description=f"validating {d.candidate.name}")
                    est = _gain(d.cost_before, d.cost_after)
                    if spent or time.monotonic() >= deadline:
                        spent = True
                        out[d.candidate.signature] = Validation(
                            BUDGET, est, why=f"the budget ({budget:g} s) was spent first")
                        continue
                    try:
                        out[d.candidate.signature] = _validate(wi, d, est, reads, tables, by_key,
                                                               copies, s, deadline, baselines)
                    except (BudgetSpent, psycopg.errors.QueryCanceled):
                        spent = True
                        out[d.candidate.signature] = Validation(
                            BUDGET, est, why=f"the budget ({budget:g} s) ran out during it")
                    except psycopg.Error as exc:
                        if exc.sqlstate is None or wi.conn.broken:
                            raise  # the connection is lost: not a verdict on the candidate
                        out[d.candidate.signature] = Validation(
                            SKIPPED, est, why="the server refused a step on the copy: "
                                              f"{db.one_line(str(exc))}")
            finally:
                made.update(copies)
                _drop_copies(wi, copies)
    took = time.monotonic() - started
    decisions = _apply(decisions, out, s)
    return decisions, out, _summary(out, made, took, budget)


def _gain(before: float, after: float) -> float:
    return 1.0 - after / before if before > 0 else 0.0


def _remaining_ms(deadline: float) -> int:
    left = deadline - time.monotonic()
    if left <= 0:
        raise BudgetSpent
    return max(1, int(left * 1000))


def _bounded(wi: WhatIf, deadline: float) -> None:
    """What is left of the budget as the session's statement_timeout."""
    wi.conn.execute(sqlfiles.load("analyzers/advisor/validate_timeout"),
                    {"ms": str(_remaining_ms(deadline))})


def _validate(wi: WhatIf, d: Decision, est: float, reads: Mapping[int, Query],
              tables: Mapping[TableRef, Table], by_key: Mapping[Key, Table],
              copies: dict[Key, _Copy], s: AdviseSettings, deadline: float,
              baselines: Baselines) -> Validation:
    c = d.candidate
    key = (c.schema, c.table)
    if key not in by_key:
        return Validation(SKIPPED, est, why=f"{c.schema}.{c.table} is not in the catalog read")
    if key not in copies:
        copies[key] = _copy(wi, by_key[key], s, deadline)
    copy = copies[key]
    if copy.error is not None:
        return Validation(SKIPPED, est, why=copy.error)
    copied = {k for k, v in copies.items() if v.error is None}
    statements = []
    for i in d.queries:
        q = reads.get(i)
        if q is None:
            continue
        text = to_temp(q.stmt.text, copied, _resolved(q, tables))
        if text is None:
            continue
        statements.append((q, replace(q, parsed=replace(q.stmt, text=text))))
    if not statements:
        return Validation(SKIPPED, est, sampled_fraction=copy.fraction,
                          why="none of its statements could be rewritten onto the copy")
    before = _measure(wi, statements, deadline, baselines)
    _bounded(wi, deadline)
    name = c.name
    wi.conn.execute(sql.SQL(to_temp_ddl(c.ddl(concurrently=False, if_not_exists=False),
                                        c.schema, c.table)))
    try:
        # a fresh index has no visibility map of its own: VACUUM sets the copy's pages
        # all-visible (a temporary table's rows are visible to every snapshot of this session
        # at once), as the table's own VACUUM will once the index is built
        wi.conn.execute(sql.SQL("VACUUM {}").format(sql.Identifier("pg_temp", c.table)))
        after = _measure(wi, statements, deadline)
    finally:
        _drop_index(wi, name)
    return _verdict(d, est, before, after, copy, statements, s)


@dataclass
class _Measured:
    """Per statement (its index): cost per call on the copy, milliseconds when run, key lines."""

    cost: dict[int, float]
    ms: dict[int, float]
    lines: dict[int, list[str]]


Baselines = dict[tuple[int, str], tuple[float | None, float | None, list[str]]]


def _measure(wi: WhatIf, statements: Sequence[tuple[Query, Query]], deadline: float,
             cache: Baselines | None = None) -> _Measured:
    """Each statement planned (and run, when its values are known) on the copies as they are;
    ``cache`` keeps the figures without a candidate (the copies do not change in between)."""
    m = _Measured({}, {}, {})
    for q, on_copy in statements:
        key = (q.index, on_copy.stmt.text)
        if cache is not None and key in cache:
            cost, ms, lines = cache[key]
        else:
            cost, ms, lines = _measure_one(wi, on_copy, deadline)
            if cache is not None:
                cache[key] = (cost, ms, lines)
        if cost is not None:
            m.cost[q.index] = cost
            m.lines[q.index] = lines
        if ms is not None:
            m.ms[q.index] = ms
    return m


def _measure_one(wi: WhatIf, q: Query, deadline: float
                 ) -> tuple[float | None, float | None, list[str]]:
    _bounded(wi, deadline)
    try:
        cost = cost_with(wi, q)[0]
    except CannotPlan:
        _check_budget(deadline)
        return None, None, []
    run = _runnable(wi, q)
    if run is None:
        return cost, None, _key_lines(_explain(wi, q))
    timings = []
    plan: Any = None
    for _ in range(2):  # the first run warms the copy's pages; the lower time counts
        _bounded(wi, deadline)
        plan = _timed(wi, run)
        timings.append(float(plan["Execution Time"]))
    return cost, min(timings), _key_lines(plan)


def _check_budget(deadline: float) -> None:
    if time.monotonic() >= deadline:
        raise BudgetSpent


def _runnable(wi: WhatIf, q: Query) -> sql.Composable | None:
    """The statement with its values, when they are known (literals in the text, or the
    constant pg_qualstats saw nearly every time for each parameter); None otherwise (values
    the advisor made up are planned, never run)."""
    if q.stmt.n_params == 0:
        return sql.SQL(q.stmt.text)  # the workload's own statement, run read-only
    observed = any(p.constant is not None and p.params for u in q.stmt.uses for p in u.predicates)
    if not observed:
        return None
    variant = next((v for v in q.variants if v.label == "common"), None)
    name = wi.prepared.get(q.stmt.text)
    if variant is None or name is None or any(v is None for v in variant.values):
        return None
    return _execute(name, variant.values)


def _execute(name: str, values: Sequence[Any]) -> sql.Composable:
    """``EXECUTE name(values…)`` of the advisor's prepared statement, the values as literals."""
    return sql.SQL("EXECUTE {}({})").format(
        sql.Identifier(name), sql.SQL(", ").join(sql.Literal(v) for v in values))


def _timed(wi: WhatIf, stmt: sql.Composable) -> Any:
    """EXPLAIN (ANALYZE, BUFFERS) of ``stmt`` in a READ ONLY transaction, rolled back."""
    with wi.conn.transaction(force_rollback=True):
        wi.conn.execute(sqlfiles.load("analyzers/advisor/validate_read_only"))
        row = wi.conn.execute(sql.SQL("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) {}").format(
            stmt)).fetchone()
    assert row is not None
    return next(iter(row.values()))[0]


def _explain(wi: WhatIf, q: Query) -> Any:
    """The JSON plan of the statement with values (for the key lines); None when it has none."""
    try:
        if q.stmt.n_params == 0:
            target: sql.Composable = sql.SQL(q.stmt.text)
        else:
            name = wi.prepared.get(q.stmt.text)
            v = next((v for v in q.variants if v.values and all(x is not None for x in v.values)),
                     None)
            if name is None or v is None:
                return None
            target = _execute(name, v.values)
        row = wi.conn.execute(sql.SQL("EXPLAIN (FORMAT JSON) {}").format(target)).fetchone()
    except psycopg.errors.QueryCanceled:
        raise BudgetSpent from None
    except psycopg.Error:
        return None
    assert row is not None
    return next(iter(row.values()))[0]


def _key_lines(plan: Any, limit: int = 4) -> list[str]:
    """The plan's scan nodes and its top node, one short line each (``--explain``)."""
    if plan is None:
        return []
    root = plan["Plan"]
    lines = []

    def fmt(node: Any) -> str:
        text = str(node.get("Node Type", "?"))
        if "Index Name" in node:
            text += f" using {node['Index Name']}"
        if "Relation Name" in node:
            text += f" on {node['Relation Name']}"
        text += f" (cost {float(node.get('Total Cost', 0.0)):,.1f}"
        if "Actual Total Time" in node:
            text += f", {float(node['Actual Total Time']):,.2f} ms"
        if "Heap Fetches" in node:
            text += f", heap fetches {node['Heap Fetches']}"
        return text + ")"

    lines.append(fmt(root))
    for node in _nodes(root):
        if node is not root and ("Relation Name" in node or "Index Name" in node):
            lines.append(fmt(node))
    return lines[:limit]


def _nodes(node: Any) -> Iterator[Any]:
    yield node
    for child in node.get("Plans", []):
        yield from _nodes(child)


def _verdict(d: Decision, est: float, before: _Measured, after: _Measured, copy: _Copy,
             statements: Sequence[tuple[Query, Query]], s: AdviseSettings) -> Validation:
    calls = {q.index: q.calls for q, _ in statements}
    both = [i for i in calls if i in before.cost and i in after.cost]
    if not both:
        return Validation(SKIPPED, est, sampled_fraction=copy.fraction,
                          why="the server could not plan its statements on the copy")
    c0 = sum(calls[i] * before.cost[i] for i in both) / sum(calls[i] for i in both)
    c1 = sum(calls[i] * after.cost[i] for i in both) / sum(calls[i] for i in both)
    timed = [i for i in both if i in before.ms and i in after.ms]
    ms0 = ms1 = None
    if timed:
        ms0 = sum(calls[i] * before.ms[i] for i in timed) / sum(calls[i] for i in timed)
        ms1 = sum(calls[i] * after.ms[i] for i in timed) / sum(calls[i] for i in timed)
    gain = _gain(c0, c1)
    where = ("the whole table" if copy.fraction is not None and copy.fraction >= 1.0
             else f"a {_pct(copy.fraction)} sample ({copy.rows:,} rows)")
    timing = f"; run: {ms0:,.2f} → {ms1:,.2f} ms" if ms0 is not None and ms1 is not None else ""
    figures = (f"built on a copy of {where}: cost {c0:,.1f} → {c1:,.1f} per call "
               f"(-{gain:.0%}; estimated -{est:.0%}){timing}")
    if len(both) < len(d.queries):
        figures += (f"; {len(d.queries) - len(both)} of its {len(d.queries)} statements could "
                    "not be read on the copy (another table of its name, or not plannable)")
    status = CONFIRMED if gain >= s.min_improvement else REJECTED
    if status == REJECTED:
        figures += f", below min_improvement {s.min_improvement:.0%}"
    plans = []
    for q, _ in statements:
        if q.index in both:
            plans.append(f"query {q.index}: without: " + "; ".join(before.lines.get(q.index, [])))
            plans.append(f"query {q.index}: with: " + "; ".join(after.lines.get(q.index, [])))
    return Validation(status, est, gain, copy.fraction, c0, c1, ms0, ms1, figures, tuple(plans))


def _pct(fraction: float | None) -> str:
    if fraction is None:
        return "?%"
    return f"{fraction:.0%}" if fraction >= 0.01 else f"{fraction:.2%}"


def _resolved(q: Query, tables: Mapping[TableRef, Table]) -> dict[str, str]:
    """Unqualified table names of ``q`` -> the schema the catalog found them in."""
    return {ref.name: tables[ref].schema for ref in q.tables if ref.schema is None and ref in tables}


# -- the copies ----------------------------------------------------------------------------------

def _copy(wi: WhatIf, t: Table, s: AdviseSettings, deadline: float) -> _Copy:
    """``t`` copied into pg_temp with its indexes and statistics targets, vacuumed and analyzed;
    a table whose lock another session holds past lock_timeout is skipped (error set)."""
    temp = sql.Identifier("pg_temp", t.name)
    source = sql.Identifier(t.schema, t.name)
    whole = 0 <= t.reltuples <= s.validate_rows
    if whole:
        stmt = sql.SQL("CREATE TEMPORARY TABLE {} AS SELECT * FROM {}").format(temp, source)
    else:
        pct = 100.0 if t.reltuples <= 0 else min(100.0, 100.0 * s.validate_rows / t.reltuples)
        stmt = sql.SQL("CREATE TEMPORARY TABLE {} AS SELECT * FROM {} TABLESAMPLE SYSTEM ({}) "
                       "REPEATABLE (0) LIMIT {}").format(temp, source, sql.Literal(pct),
                                                         sql.Literal(s.validate_rows))
    _bounded(wi, deadline)
    try:
        cur = wi.conn.execute(stmt)
    except psycopg.errors.LockNotAvailable:
        return _Copy(t, error=f"{t.schema}.{t.name} is locked by another session (DDL?) past "
                              "lock_timeout: not copied, its candidates not validated")
    except psycopg.errors.QueryCanceled:
        raise BudgetSpent from None
    except (psycopg.errors.InsufficientPrivilege, psycopg.errors.ReadOnlySqlTransaction) as exc:
        return _Copy(t, error=f"cannot copy {t.schema}.{t.name} into a temporary table: "
                              f"{db.one_line(str(exc))}")
    rows = max(cur.rowcount, 0)
    fraction = 1.0 if whole or rows >= t.reltuples else (rows / t.reltuples if t.reltuples > 0
                                                          else None)
    try:
        for r in wi.conn.execute(sqlfiles.load("analyzers/advisor/validate_stat_targets"),
                                 {"oid": t.oid}).fetchall():
            wi.conn.execute(sql.SQL("ALTER TABLE {} ALTER COLUMN {} SET STATISTICS {}").format(
                temp, sql.Identifier(r["column_name"]), sql.Literal(int(r["target"]))))
        for ix in t.indexes:
            if ix.is_valid:
                _bounded(wi, deadline)
                wi.conn.execute(sql.SQL(to_temp_ddl(ix.definition, t.schema, t.name)))
        _bounded(wi, deadline)
        wi.conn.execute(sql.SQL("VACUUM (ANALYZE) {}").format(temp))
    except (BudgetSpent, psycopg.Error) as exc:
        if isinstance(exc, psycopg.Error) and (exc.sqlstate is None or wi.conn.broken):
            raise
        _drop_copies(wi, {(t.schema, t.name): _Copy(t)})  # not half a copy: none
        if isinstance(exc, BudgetSpent | psycopg.errors.QueryCanceled):
            raise BudgetSpent from None
        return _Copy(t, error=f"could not give the copy of {t.schema}.{t.name} its indexes and "
                              f"statistics: {db.one_line(str(exc))}")
    return _Copy(t, fraction, rows)


def _drop_index(wi: WhatIf, name: str) -> None:
    if wi.conn.broken:
        return
    wi.conn.execute(sqlfiles.load("analyzers/advisor/validate_timeout"), {"ms": "0"})
    wi.conn.execute(sql.SQL("DROP INDEX IF EXISTS {}").format(sql.Identifier("pg_temp", name)))


def _drop_copies(wi: WhatIf, copies: Mapping[Key, _Copy]) -> None:
    """Drop the copies now (the server would at the session's end anyway)."""
    if wi.conn.broken or wi.conn.closed:
        return
    try:
        wi.conn.execute(sqlfiles.load("analyzers/advisor/validate_timeout"), {"ms": "0"})
        for key in copies:
            wi.conn.execute(sql.SQL("DROP TABLE IF EXISTS {}").format(
                sql.Identifier("pg_temp", key[1])))
    except psycopg.Error:
        pass  # the session's end drops them


# -- rewriting onto pg_temp ----------------------------------------------------------------------

def to_temp(text: str, copied: set[Key], resolved: Mapping[str, str]) -> str | None:
    """``text`` with every table reference to a copied table (schema-qualified, or unqualified
    and found by the catalog in that schema) naming ``pg_temp`` instead; None when it names an
    unqualified table that is not copied but shares a copy's name (the copy would shadow it)."""
    tree = parse_sql(text)
    ctes = {c.ctename for c in walk(tree) if isinstance(c, ast.CommonTableExpr)}
    names = {n for _, n in copied}
    clash = False
    changed = False

    class ToTemp(visitors.Visitor):
        def visit_RangeVar(self, ancestors: Any, node: Any) -> Any:
            nonlocal clash, changed
            if node.schemaname is None and node.relname in ctes:
                return None
            schema = node.schemaname or resolved.get(node.relname)
            if schema is not None and (schema, node.relname) in copied:
                changed = True
                return ast.RangeVar(relname=node.relname, schemaname="pg_temp", inh=node.inh,
                                    relpersistence=node.relpersistence, alias=node.alias,
                                    location=node.location)
            if node.relname in names and node.schemaname is None:
                clash = True
            return None

        def visit_ColumnRef(self, ancestors: Any, node: Any) -> Any:
            nonlocal changed
            f = node.fields
            if (len(f) == 3 and all(isinstance(x, ast.String) for x in f[:2])
                    and (f[0].sval, f[1].sval) in copied):
                changed = True
                return ast.ColumnRef(fields=(ast.String(sval="pg_temp"), f[1], f[2]),
                                     location=node.location)
            return None

    ToTemp()(tree)
    if clash:
        return None
    return RawStream()(tree) if changed else text


def to_temp_ddl(ddl: str, schema: str, table: str) -> str:
    """A CREATE INDEX on ``schema.table`` turned into the same index on ``pg_temp.table``."""
    (raw,) = parse_sql(ddl)
    stmt: Any = raw.stmt
    stmt.relation = ast.RangeVar(relname=table, schemaname="pg_temp", inh=True,
                                 relpersistence="t")
    stmt.concurrent = False
    return str(RawStream()(stmt))


# -- the outcome ---------------------------------------------------------------------------------

def _apply(decisions: Sequence[Decision], found: Mapping[str, Validation],
           s: AdviseSettings) -> list[Decision]:
    """Kept decisions the validation rejected become rejections (reason: its figures)."""
    kept: list[Decision] = []
    dropped: list[Decision] = []
    rest: list[Decision] = []
    for d in decisions:
        v = found.get(d.candidate.signature)
        if d.kept and v is not None and v.status == REJECTED:
            why = f"dropped by validation: {v.why}"
            dropped.append(replace(d, kept=False, rank=0, reason=f"{why}. Estimated: {d.reason}",
                                   summary=why))
        elif d.kept:
            kept.append(replace(d, rank=len(kept) + 1))
        else:
            rest.append(d)
    return kept + dropped + rest


def _summary(found: Mapping[str, Validation], copies: Mapping[Key, _Copy], took: float,
             budget: float) -> str:
    counts: dict[str, int] = {}
    for v in found.values():
        counts[v.status] = counts.get(v.status, 0) + 1
    parts = ", ".join(f"{n} {status}" for status, n in counts.items()) or "nothing to validate"
    tabs = ", ".join(
        f"{k[0]}.{k[1]} ({'whole' if c.fraction and c.fraction >= 1 else _pct(c.fraction) + ' sample'})"
        for k, c in copies.items() if c.error is None)
    text = f"validation: {parts} in {took:.1f} s of a {budget:g} s budget"
    return text + (f"; built on temporary copies of {tabs}" if tabs else "")

