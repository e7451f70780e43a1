"""``pgwarden advise``: suggest the indexes that would pay over the whole workload.

Decide, then act: ``advise()`` reads facts (statements, catalog, plans) and returns an
``Advice`` (kept and rejected candidates, each with its reason); rendering and writing the
migration are separate (``render``, ``revision``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from psycopg.rows import dict_row

from pgwarden import db
from pgwarden import sql as sqlfiles
from pgwarden.analyzers import candidates as cands
from pgwarden.analyzers import estimate, inline, statements
from pgwarden.analyzers.catalog import Index, Table, read_tables
from pgwarden.analyzers.parsing import ParsedStatement, ParseFailure, TableRef, analyze, relations
from pgwarden.analyzers.selection import Decision, Option, QueryCost, select
from pgwarden.analyzers.settings import AdviseSettings
from pgwarden.analyzers.whatif import CannotPlan, Plan, Variant, WhatIf, variants


@dataclass(frozen=True)
class Skipped:
    query: str
    reason: str


@dataclass(frozen=True)
class QueryInfo:
    index: int
    query: str
    calls: int
    cost: float  # per call, mean of the generic, common-value and rare-value plans
    repairs: tuple[str, ...] = ()


@dataclass(frozen=True)
class Advice:
    database: str
    server_version: int
    source: str
    validated: bool  # hypopg measured the btree candidates
    decisions: tuple[Decision, ...]
    queries: tuple[QueryInfo, ...]
    skipped: tuple[Skipped, ...]
    notes: tuple[str, ...] = ()
    workload_before: float = 0.0  # sum of calls x cost per call, before
    workload_after: float = 0.0  # and with every kept index together (hypopg), else estimated

    @property
    def kept(self) -> list[Decision]:
        return [d for d in self.decisions if d.kept]


@dataclass
class _Work:
    parsed: dict[int, ParsedStatement] = field(default_factory=dict)
    calls: dict[int, int] = field(default_factory=dict)
    text: dict[int, str] = field(default_factory=dict)
    costs: dict[int, float] = field(default_factory=dict)
    variants: dict[int, tuple[tuple[str, ...], list[Variant]]] = field(default_factory=dict)
    plans: dict[int, list[Plan]] = field(default_factory=dict)  # without new indexes, per variant
    writes: list[tuple[ParsedStatement, int, int]] = field(default_factory=list)


Progress = Callable[..., None]


def _noop(steps: float = 1, *, description: str | None = None) -> None:
    return None


def advise(dsn: str, *, settings: AdviseSettings | None = None, min_calls: int | None = None,
           min_total_ms: float = 0.0, top: int | None = None, queries_file: Path | None = None,
           progress: Progress = _noop, use_hypopg: bool = True) -> Advice:
    """Read the workload, cost candidates and choose; changes nothing in the database.

    ``queries_file`` replaces pg_stat_statements as the source. ``use_hypopg=False`` forces the
    unvalidated path (the advisor's own estimates) even where hypopg is installed."""
    s = settings or AdviseSettings()
    notes: list[str] = []
    skipped: list[Skipped] = []
    with db.session(dsn, row_factory=dict_row) as conn:
        facts = db.read_server_facts(conn)
        if queries_file is not None:
            stmts = statements.from_file(queries_file)
            source = f"file {queries_file.name}"
        else:
            stmts = statements.from_pg_stat_statements(
                conn, facts, min_calls=min_calls if min_calls is not None else s.min_calls,
                min_total_ms=min_total_ms, top=top)
            source = "pg_stat_statements"
        progress(0, description=f"parsing {len(stmts)} statements")
        quiet = 0
        refs: dict[int, tuple[TableRef, ...]] = {}
        # a SQL function called in FROM is read as the server runs it: inlined (its body)
        functions = inline.load(conn, inline.called_names(st.query for st in stmts))
        inlined = {i: e for i, st in enumerate(stmts)
                   if functions and (e := inline.expand(st.query, functions)) is not None}
        for i, st in enumerate(stmts):
            try:
                refs[i] = relations(inlined[i][0] if i in inlined else st.query)[1]
            except ParseFailure as exc:
                if exc.quiet:
                    quiet += 1
                else:
                    skipped.append(Skipped(st.query, str(exc)))
        tables = read_tables(conn, {r for rs in refs.values() for r in rs})
        observed = statements.qualstats_constants(conn, facts) if queries_file is None else {}
        row = conn.execute(sqlfiles.load("analyzers/planner_settings")).fetchone()
        constants = estimate.CostConstants(**row) if row else estimate.CostConstants()
    catalog = {ref: {c.name: c.data_type for c in t.columns.values()} for ref, t in tables.items()}
    work = _Work()
    for i, rs in refs.items():
        st = stmts[i]
        missing = [str(r) for r in rs if r not in tables]
        if missing:
            skipped.append(Skipped(st.query, f"names no table of this database: {', '.join(missing)}"))
            continue
        try:
            parsed = analyze(inlined[i][0] if i in inlined else st.query, catalog)
        except ParseFailure as exc:
            skipped.append(Skipped(st.query, str(exc)))
            continue
        if i in inlined:
            parsed = replace(parsed, repairs=(
                f"SQL function {', '.join(inlined[i][1])} inlined: its body read and planned "
                "as the server inlines it", *parsed.repairs))
        if observed:
            parsed = _with_observed_constants(parsed, tables, observed)
        if parsed.kind == "select":
            work.parsed[i], work.calls[i], work.text[i] = parsed, st.calls, st.query
        else:
            work.writes.append((parsed, st.calls, max(st.rows, st.calls)))
    if quiet:
        notes.append(f"{quiet} statements left aside: utility, catalog or table-less statements")
    hypopg = use_hypopg and facts.installed("hypopg")
    if not hypopg:
        why = ("hypopg is not installed in this database (CREATE EXTENSION hypopg)"
               if facts.available("hypopg") else "hypopg is not available on this server")
        if not use_hypopg:
            why = "hypopg was turned off"
        notes.append(f"{why}: every candidate is ranked by the advisor's own estimate and "
                     "marked UNVALIDATED")
    has_trgm = facts.installed("pg_trgm")
    if not has_trgm:
        notes.append("pg_trgm is not installed: no trigram index is suggested for infix LIKE/ILIKE")
    with WhatIf(dsn, facts.version_num, use_hypopg=hypopg) as wi:
        progress(0, description=f"planning {len(work.parsed)} queries")
        for i, parsed in list(work.parsed.items()):
            try:
                types = wi.param_types(parsed)
                vs, plans = _plannable(wi, parsed, types, variants(parsed, types, tables))
                work.costs[i] = sum(p.cost for p in plans) / len(plans)
                work.plans[i] = plans
                work.variants[i] = (types, vs)
            except CannotPlan as exc:
                skipped.append(Skipped(work.text[i], f"the server cannot plan it: {exc}"))
                del work.parsed[i]
        options = _options(work, tables, s, wi, hypopg, has_trgm, constants, progress)
        queries = [QueryCost(i, work.calls[i], work.costs[i]) for i in work.parsed]
        counts = {(t.schema, t.name): max(1, len(t.indexes)) for t in tables.values()}
        with _Measurer(wi, work) as measure:
            decisions = select(queries, options, s, counts, measure if hypopg else None)
        before = sum(q.calls * q.base for q in queries)
        afters = {o.candidate.signature: o.after for o in options}
        after = _workload_after(work, [d for d in decisions if d.kept], afters, wi, hypopg, queries)
    infos = tuple(QueryInfo(i, work.text[i], work.calls[i], work.costs[i], work.parsed[i].repairs)
                  for i in work.parsed)
    return Advice(facts.database, facts.version_num, source, hypopg, tuple(decisions), infos,
                  tuple(skipped), tuple(notes), before, after)


def _plannable(wi: WhatIf, parsed: ParsedStatement, types: tuple[str, ...],
               vs: Sequence[Variant]) -> tuple[list[Variant], list[Plan]]:
    """The variants the server can plan, with their plans. A value variant can fail where the
    generic plan does not: pg_stat_statements replaced a constant no column constrains (a
    time zone name in ``AT TIME ZONE $3``), and the value drawn for it is not one; the
    statement is then costed by its other variants. Raises CannotPlan when none plans."""
    kept: list[Variant] = []
    plans: list[Plan] = []
    error: CannotPlan | None = None
    for v in vs:
        try:
            plans.append(wi.plan(parsed, v, types))
            kept.append(v)
        except CannotPlan as exc:
            error = error or exc
    if not kept:
        raise error or CannotPlan("no plan")
    return kept, plans


def _with_observed_constants(parsed: ParsedStatement, tables: dict[TableRef, Table],
                             observed: dict[tuple[str, str, str], dict[str, int]]
                             ) -> ParsedStatement:
    """Equality parameters that pg_qualstats saw bound to one value nearly every time carry
    that value as a constant (so that a rare one can become a partial index's WHERE)."""
    uses = []
    for use in parsed.uses:
        t = tables[use.table]
        preds = []
        for p in use.predicates:
            seen = observed.get((t.name, p.column, "=")) if p.kind == "eq" and p.params else None
            if seen and p.constant is None and p.expression is None:
                value, count = max(seen.items(), key=lambda kv: kv[1])
                literal = statements.constant_text(value)
                if literal is not None and count >= 5 and count >= 0.9 * sum(seen.values()):
                    p = replace(p, constant=literal)
            preds.append(p)
        uses.append(replace(use, predicates=tuple(preds)))
    return replace(parsed, uses=tuple(uses))


def _options(work: _Work, tables: dict[TableRef, Table], s: AdviseSettings, wi: WhatIf,
             hypopg: bool, has_trgm: bool, constants: estimate.CostConstants,
             progress: Progress) -> list[Option]:
    found: dict[str, tuple[cands.Candidate, Table]] = {}
    for parsed in work.parsed.values():
        for use in parsed.uses:
            t = tables[use.table]
            for c in cands.generate(use, t, rare_fraction=s.rare_fraction, has_trgm=has_trgm,
                                    max_include=s.max_include,
                                    partial_max_distinct=s.partial_max_distinct):
                found.setdefault(c.signature, (c, t))
    progress(0, description=f"costing {len(found)} candidate indexes")
    options = []
    for c, t in found.values():
        progress(1 / max(len(found), 1))
        ix = cands.served_by(c, t.indexes)
        rejected = None
        if ix is not None:
            what = "primary key" if ix.is_primary else "existing index"
            rejected = f"{what} {ix.name} already serves it ({', '.join(ix.keys)})"
        elif cands.leads_with_primary_key(c, t.primary_key):
            rejected = "leads with the primary key, which already has a unique index"
        entries, hot, hot_cols = _write_load(c, t, work)
        relevant = _relevant(c, t, work)
        after: dict[int, float] = {}
        index_only: set[int] = set()
        measured = hypopg and c.hypothetical
        size = estimate.btree_bytes(c, t)
        if rejected is None and measured:
            try:
                with wi.hypothetical(c.ddl(concurrently=False, if_not_exists=False)) as (name, size):
                    for i, (cost, only) in _cost_many(wi, work, relevant).items():
                        after[i] = cost
                        if name in only:
                            index_only.add(i)
            except CannotPlan as exc:
                rejected = f"the server cannot plan with it: {exc}"
        elif rejected is None and (full := _full_gin(c, t)) is not None:
            size = int(8192 + full.bytes * (c.fraction or 1.0))  # a share of the real one
            for i in relevant:
                use = next(u for u in work.parsed[i].uses if tables[u.table].oid == t.oid)
                applies = set(c.conditions) <= set(cands.conditions(
                    use.predicates, t.columns, t.reltuples, s.partial_max_distinct))
                if applies:  # the query's own conditions imply the index's WHERE
                    after[i] = _narrowed_cost(work, i, t, full.name, c.fraction or 1.0)
        elif rejected is None:
            for i in relevant:
                use = next(u for u in work.parsed[i].uses if tables[u.table].oid == t.oid)
                after[i] = estimate.cost_after(c, use, t, work.costs[i], constants)
        options.append(Option(c, size, after, measured, entries, hot, hot_cols, rejected,
                              frozenset(index_only)))
    return options


def _full_gin(c: cands.Candidate, t: Table) -> Index | None:
    """For a narrowing GIN candidate, the existing valid full GIN index on the same key."""
    if not c.narrowing:
        return None
    for ix in t.indexes:
        if ix.is_valid and ix.method == "gin" and not ix.predicate and len(ix.keys) == len(c.keys) \
                and all(cands.same_expr(k.expr, e) for k, e in zip(c.keys, ix.keys, strict=True)):
            return ix
    return None


def _narrowed_cost(work: _Work, i: int, t: Table, full: str, fraction: float) -> float:
    """Cost per call of statement ``i`` with a narrowing GIN (a partial copy of the existing GIN
    index ``full`` holding ``fraction`` of the rows), from the planner's own plans with ``full``
    (those that costed the statement): each Bitmap Heap Scan of the table through ``full``
    fetches and filters every matching row; through the partial one it would read only the rows
    the query keeps, so its cost (the index scan under it included) shrinks to ``fraction``.
    hypopg cannot build a GIN, so the figure is an estimate from real plans, labelled
    unvalidated. A plan not reading ``full`` is unchanged."""
    plans = work.plans[i]
    total = sum(p.cost - sum(b.cost * (1.0 - fraction) for b in p.bitmaps
                             if b.relation == t.name and full in b.indexes) for p in plans)
    return min(work.costs[i], total / len(plans))


def _cost_with(wi: WhatIf, work: _Work, i: int) -> tuple[float, frozenset[str]]:
    """Mean cost per call over the statement's plan variants, and the indexes any of them
    reads with an Index Only Scan."""
    types, vs = work.variants[i]
    total = 0.0
    only: set[str] = set()
    for v in vs:
        plan = wi.plan(work.parsed[i], v, types)
        total += plan.cost
        only |= plan.index_only
    return total / len(vs), frozenset(only)


def _cost_many(wi: WhatIf, work: _Work, qis: Sequence[int]) -> dict[int, tuple[float, frozenset[str]]]:
    """``_cost_with`` for many statements; those carrying their values are planned in one
    pipeline. A statement the server cannot plan is left out (it keeps its cost)."""
    out: dict[int, tuple[float, frozenset[str]]] = {}
    literal = [qi for qi in qis if work.parsed[qi].n_params == 0]
    for qi, plan in zip(literal, wi.plan_literals([work.parsed[qi].text for qi in literal]),
                        strict=True):
        if plan is not None:
            out[qi] = (plan.cost, plan.index_only)
    for qi in qis:
        if work.parsed[qi].n_params:
            try:
                out[qi] = _cost_with(wi, work, qi)
            except CannotPlan:
                continue
    return out


class _Measurer:
    """``selection.Measure`` on the planning session: the statements planned with exactly the
    given candidates present as hypothetical indexes (kept between calls, dropped on exit)."""

    def __init__(self, wi: WhatIf, work: _Work):
        self.wi, self.work = wi, work
        self.live: dict[str, tuple[int, str]] = {}  # signature -> (oid, hypothetical name)
        self.cache: dict[tuple[frozenset[str], int], tuple[float, frozenset[str]]] = {}

    def __enter__(self) -> _Measurer:
        return self

    def __exit__(self, *exc: object) -> None:
        for oid, _ in self.live.values():
            self.wi.drop_hypothetical(oid)
        self.live.clear()

    def __call__(self, kept: Sequence[Option], qis: Sequence[int]
                 ) -> dict[int, tuple[float, frozenset[str]]]:
        want = {o.candidate.signature: o for o in kept}
        key = frozenset(want)
        todo = [qi for qi in qis if (key, qi) not in self.cache]
        if todo:
            for sig in [s for s in self.live if s not in want]:
                self.wi.drop_hypothetical(self.live.pop(sig)[0])
            for sig, o in want.items():
                if sig not in self.live:
                    oid, name, _ = self.wi.create_hypothetical(
                        o.candidate.ddl(concurrently=False, if_not_exists=False))
                    self.live[sig] = (oid, name)
            by_name = {name: sig for sig, (_, name) in self.live.items()}
            for qi, (cost, only) in _cost_many(self.wi, self.work, todo).items():
                self.cache[(key, qi)] = (cost, frozenset(by_name[n] for n in only if n in by_name))
        return {qi: self.cache[(key, qi)] for qi in qis if (key, qi) in self.cache}


def _relevant(c: cands.Candidate, t: Table, work: _Work) -> list[int]:
    """Statements that read ``t`` through the candidate's leading key or its sort order."""
    lead = c.keys[0].expr
    out = []
    for i, parsed in work.parsed.items():
        for use in parsed.uses:
            if use.table.name == t.name and use.table.schema in (None, t.schema):
                names = {p.expression or p.column for p in use.predicates}
                names |= {col for col, _ in use.order_by} | set(use.group_by)
                if lead in names or (c.where and any(p.column in c.columns for p in use.predicates)):
                    out.append(i)
                    break
    return out


def _write_load(c: cands.Candidate, t: Table, work: _Work) -> tuple[float, float, tuple[str, ...]]:
    """(index entries the workload's writes add, UPDATE rows that would lose HOT, those columns).

    An INSERT adds an entry per row. An UPDATE setting a column the index stores loses HOT (every
    index of the table gets an entry); one that does not is HOT only when the page has room, so
    the share of the table's updates the server counted as not HOT (pg_stat_user_tables) adds an
    entry to the new index as well."""
    entries = hot = 0.0
    hot_cols: set[str] = set()
    not_hot = 1.0 - t.n_tup_hot_upd / t.n_tup_upd if t.n_tup_upd > 0 else 0.0
    for parsed, _calls, rows in work.writes:
        ref = parsed.target
        if ref is None or ref.name != t.name or ref.schema not in (None, t.schema):
            continue
        if parsed.kind == "insert":
            entries += rows
        elif parsed.kind == "update":
            setcols = {col for ref, col in parsed.updated_columns if ref.name == t.name}
            touched = setcols & c.columns
            if touched:
                hot += rows
                hot_cols |= touched
            else:
                entries += rows * not_hot
    return entries, hot, tuple(sorted(hot_cols))


def _workload_after(work: _Work, kept: list[Decision], afters: dict[str, Any], wi: WhatIf,
                    hypopg: bool, queries: list[QueryCost]) -> float:
    """Workload cost with every kept index at once (planner-measured for the btree ones)."""
    best = {q.index: q.base for q in queries}
    for d in kept:
        for qi in d.queries:
            best[qi] = min(best[qi], afters[d.candidate.signature].get(qi, best[qi]))
    touched = {qi for d in kept for qi in d.queries}
    measured = [d for d in kept if d.measured]
    if hypopg and measured:
        stack: list[Any] = []
        try:
            for d in measured:
                cm = wi.hypothetical(d.candidate.ddl(concurrently=False, if_not_exists=False))
                cm.__enter__()
                stack.append(cm)
            together = _cost_many(wi, work, [q.index for q in queries if q.index in touched])
            for qi, (cost, _) in together.items():  # the others keep their plans
                best[qi] = min(best[qi], cost)
        finally:
            for cm in reversed(stack):
                cm.__exit__(None, None, None)
    return sum(q.calls * best[q.index] for q in queries)
