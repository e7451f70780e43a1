"""Phase 6, cost: what each read statement costs now, and what each candidate would change.

``plan_queries`` plans every read statement without new indexes (its generic plan and custom
plans with a common and a rare value, ``whatif.variants``) and records the plans and their mean
cost on the statement's ``Query``. ``options`` turns each candidate into a selection
``Option``: the cost per call of the statements it can serve with it present (a hypothetical
index and the planner where hypopg can build it; for a narrowing GIN the planner's own plans
with the full GIN, scaled; else the advisor's own model, ``estimate``), the index entries and
lost HOT updates the workload's writes would add, or the reason it is rejected outright.
``Measurer`` plans statements with a set of candidates present together, for the selection;
``workload_after`` costs the whole workload with every kept index at once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import ExitStack
from dataclasses import replace

from pgwarden.analyzers.advisor import candidates as cands
from pgwarden.analyzers.advisor import estimate
from pgwarden.analyzers.advisor.catalog import Index, Table
from pgwarden.analyzers.advisor.model import Query, Skipped
from pgwarden.analyzers.advisor.parse import TableRef, TableUse
from pgwarden.analyzers.advisor.selection import Decision, Option, QueryCost, WriteBudget
from pgwarden.analyzers.advisor.settings import AdviseSettings
from pgwarden.analyzers.advisor.whatif import CannotPlan, Plan, Variant, WhatIf, variants

Progress = Callable[..., None]
Reads = Mapping[int, Query]  # the read statements by their index in the workload


def plan_queries(wi: WhatIf, reads: dict[int, Query], tables: Mapping[TableRef, Table],
                 skipped: list[Skipped]) -> None:
    """Plan each read statement as it runs today; one the server cannot plan is removed from
    ``reads`` and listed in ``skipped`` with the server's reason."""
    for i, q in list(reads.items()):
        try:
            q.types = wi.param_types(q.stmt)
            q.variants, q.plans = _plannable(wi, q, variants(q.stmt, q.types, tables))
            q.cost = sum(p.cost for p in q.plans) / len(q.plans)
        except CannotPlan as exc:
            skipped.append(Skipped(q.statement.query, f"the server cannot plan it: {exc}"))
            del reads[i]


def _plannable(wi: WhatIf, q: Query, vs: Sequence[Variant]) -> tuple[list[Variant], list[Plan]]:
    """The variants the server can plan, with their plans. A value variant can fail where the
    generic plan does not: pg_stat_statements replaced a constant no column constrains (a
    time zone name in ``AT TIME ZONE $3``), and the value drawn for it is not one; the
    statement is then costed by its other variants. Raises CannotPlan when none plans."""
    kept: list[Variant] = []
    plans: list[Plan] = []
    error: CannotPlan | None = None
    for v in vs:
        try:
            plans.append(wi.plan(q.stmt, v, q.types))
            kept.append(v)
        except CannotPlan as exc:
            error = error or exc
    if not kept:
        raise error or CannotPlan("no plan")
    return kept, plans


def rare(found: Sequence[tuple[cands.Candidate, Table]], wi: WhatIf, rare_fraction: float
         ) -> list[tuple[cands.Candidate, Table]]:
    """The candidates with every partial one's ``fraction`` known: a WHERE whose rarity the
    column statistics could not tell (a range, a key operator, several conditions together) is
    asked of the planner (its row estimate of the WHERE on the table, one EXPLAIN each) and the
    candidate dropped when it keeps more than ``rare_fraction`` of the rows, or when the table
    has no row count or the server cannot plan the WHERE. A comparison of two columns of a row,
    which the planner rates at a third of the rows whatever the data, is counted on a sample of
    the table's pages instead (``WhatIf.sample_share``)."""
    out = []
    for c, t in found:
        if c.sampled and c.where is not None:
            share = wi.sample_share(t.schema, t.name, c.where, t.relpages) \
                if t.reltuples > 0 else None
            if share is None or share[0] > rare_fraction:
                continue
            c = replace(c, fraction=max(share[0], 1.0 / max(t.reltuples, 1.0)),
                        reason=f"{c.reason} ({share[0]:.2%} of rows, counted on a sample of "
                               f"{share[1]:,})")
        elif c.where is not None and c.fraction is None:
            rows = wi.predicate_rows(t.schema, t.name, c.where) if t.reltuples > 0 else None
            if rows is None:
                continue
            f = min(1.0, rows / t.reltuples)
            if f > rare_fraction:
                continue
            c = replace(c, fraction=f, reason=f"{c.reason} ({f:.2%} of rows, the planner's "
                                              "estimate)")
        out.append((c, t))
    return out


def options(found: Sequence[tuple[cands.Candidate, Table]], reads: Reads, writes: Sequence[Query],
            tables: Mapping[TableRef, Table], s: AdviseSettings, wi: WhatIf, *, hypopg: bool,
            constants: estimate.CostConstants, progress: Progress) -> list[Option]:
    """Each candidate as the selection sees it (see the module docstring)."""
    progress(0, description=f"costing {len(found)} candidate indexes")
    out = []
    for c, t in found:
        progress(1 / max(len(found), 1))
        rejected = _rejected_outright(c, t)
        entries, hot, hot_cols, hot_writes = write_load(c, t, writes)
        calls = write_calls(c, t, writes)
        relevant = _relevant(c, t, reads)
        after: dict[int, float] = {}
        index_only: set[int] = set()
        # hypopg would size and cost a comparison's partial index at the planner's third of
        # the rows: the advisor's own model prices it with the share counted on the sample
        measured = hypopg and c.hypothetical and not c.sampled
        size = estimate.btree_bytes(c, t)
        notes: list[str] = []
        vacuumed: set[int] = set()
        if rejected is None and measured:
            try:
                used: dict[int, set[str]] = {}
                with wi.hypothetical(c.ddl(concurrently=False, if_not_exists=False)) as (name, size):
                    for i, (cost, only) in cost_many(wi, reads, relevant, used).items():
                        after[i] = cost
                        if name in only:
                            index_only.add(i)
            except CannotPlan as exc:
                rejected = f"the server cannot plan with it: {exc}"
            if rejected is None and t.all_visible < VACUUMED:
                readers = {i for i, names in used.items() if name in names}
                vacuumed = _after_vacuum(c, t, reads, after, constants, readers)
                if vacuumed:
                    notes.append(f"index-only gain estimated as after VACUUM ({t.name} is "
                                 f"{t.all_visible:.0%} all-visible now)")
        elif rejected is None and (full := _full_gin(c, t)) is not None:
            size = int(8192 + full.bytes * (c.fraction or 1.0))  # a share of the real one
            for i in relevant:
                use = _use_of(reads[i], t)
                applies = set(c.conditions) <= set(cands.conditions(
                    use.predicates, t.columns, t.reltuples, s.partial_max_distinct))
                if applies:  # the query's own conditions imply the index's WHERE
                    after[i] = _narrowed_cost(reads[i], t, full.name, c.fraction or 1.0)
        elif rejected is None:
            for i in relevant:
                after[i] = estimate.cost_after(c, _use_of(reads[i], t), t, reads[i].cost, constants,
                                               _kept_fraction(reads[i], t))
                if c.sampled:  # only the table's own scans get cheaper, not the whole join
                    after[i] = _scans_scaled(reads[i], t, after[i])
        out.append(Option(c, size, after, measured, entries, hot, hot_cols, rejected,
                          frozenset(index_only), hot_writes, tuple(notes), frozenset(vacuumed),
                          calls))
    return out


# A table with at least this share of its pages all-visible is taken as vacuumed: the planner
# prices an index-only scan of it as the server will run it once the index exists.
VACUUMED = 0.9


def _after_vacuum(c: cands.Candidate, t: Table, reads: Reads, after: dict[int, float],
                  constants: estimate.CostConstants, readers: set[int]) -> set[int]:
    """Index-only gains as the server will see them after the index is built and the table
    vacuumed. The planner prices an Index Only Scan's heap visits by the pages not yet
    all-visible (``relallvisible``): on a table that is not (a fresh copy, an insert-heavy
    table autovacuum has not reached), an index that answers a query alone looks hardly
    better than one that fetches every row. For each statement ``c`` can answer alone, the
    cost with ``c`` is also estimated with every page all-visible (the advisor's own model,
    scaled by the planner's cost without ``c``), and the lower figure kept; the reason says
    so. Only statements whose plan with ``c`` reads it (``readers``: the planner proved it
    usable, a partial index's WHERE implied) and that read this table alone are estimated so:
    the model prices one scan of one table, and a join's cost is the planner's to tell.
    Returns the statements whose cost changed."""
    vacuumed = replace(t, all_visible=1.0)
    changed: set[int] = set()
    for i in sorted(readers & set(after)):
        if len(reads[i].stmt.uses) != 1:
            continue  # a join: the model prices one scan of one table, not the whole plan
        use = _use_of(reads[i], t)
        if use.star or not use.referenced or not use.referenced <= c.columns:
            continue  # the index does not answer the query alone: no index-only scan
        est = estimate.cost_after(c, use, vacuumed, reads[i].cost, constants)
        if est < after[i] * 0.95:
            after[i] = est
            changed.add(i)
    return changed


def _rejected_outright(c: cands.Candidate, t: Table) -> str | None:
    """Why ``c`` needs no costing at all (an existing index or the primary key serves it)."""
    ix = cands.served_by(c, t.indexes)
    if ix is not None:
        what = "primary key" if ix.is_primary else "existing index"
        return f"{what} {ix.name} already serves it ({', '.join(ix.keys)})"
    if cands.leads_with_primary_key(c, t.primary_key):
        return "leads with the primary key, which already has a unique index"
    return None


def _use_of(q: Query, t: Table) -> TableUse:
    return next(u for u in q.stmt.uses if u.table.name == t.name and u.table.schema in (None, t.schema))


def _kept_fraction(q: Query, t: Table) -> float | None:
    """The share of ``t``'s rows the planner expects ``q`` to keep, from the Seq Scans of ``t``
    in its plans without new indexes (None when none scans it sequentially)."""
    seen = [rows for p in q.plans for rel, rows in p.seq_rows if rel == t.name]
    if not seen or t.reltuples <= 0:
        return None
    return min(1.0, max(sum(seen) / len(seen), 1.0) / t.reltuples)


def _scans_scaled(q: Query, t: Table, estimated: float) -> float:
    """The statement's cost with only the scans of ``t`` in its plans (without new indexes)
    made cheaper in the ratio ``estimated / q.cost``, which the advisor's model gives for the
    whole statement: a join's other tables cost what they cost. A scan on the inner side of a
    nested loop counts once (the plan gives its cost per loop), so the saving is understated
    there, never overstated."""
    if q.cost <= 0 or not q.plans:
        return estimated
    ratio = min(1.0, estimated / q.cost)
    saved = [sum(cost for rel, cost in p.scan_costs if rel == t.name) * (1.0 - ratio)
             for p in q.plans]
    return max(q.cost - sum(saved) / len(saved), estimated)


def _full_gin(c: cands.Candidate, t: Table) -> Index | None:
    """For a narrowing GIN candidate, the existing valid full GIN index on the same key."""
    if not c.narrowing:
        return None
    for ix in t.indexes:
        if ix.is_valid and ix.method == "gin" and not ix.predicate and len(ix.keys) == len(c.keys) \
                and all(cands.same_expr(k.expr, e) for k, e in zip(c.keys, ix.keys, strict=True)):
            return ix
    return None


def _narrowed_cost(q: Query, t: Table, full: str, fraction: float) -> float:
    """Cost per call of ``q`` with a narrowing GIN (a partial copy of the existing GIN index
    ``full`` holding ``fraction`` of the rows), from the planner's own plans with ``full``
    (those that costed the statement): each Bitmap Heap Scan of the table through ``full``
    fetches and filters every matching row; through the partial one it would read only the rows
    the query keeps, so its cost (the index scan under it included) shrinks to ``fraction``.
    hypopg cannot build a GIN, so the figure is an estimate from real plans, labelled
    unvalidated. A plan not reading ``full`` is unchanged."""
    total = sum(p.cost - sum(b.cost * (1.0 - fraction) for b in p.bitmaps
                             if b.relation == t.name and full in b.indexes) for p in q.plans)
    return min(q.cost, total / len(q.plans))


def cost_with(wi: WhatIf, q: Query, used: set[str] | None = None) -> tuple[float, frozenset[str]]:
    """Mean cost per call over the statement's plan variants with the hypothetical indexes
    present now, and the indexes any of them reads with an Index Only Scan (``used`` gets
    every index any of them reads)."""
    total = 0.0
    only: set[str] = set()
    for v in q.variants:
        plan = wi.plan(q.stmt, v, q.types)
        total += plan.cost
        only |= plan.index_only
        if used is not None:
            used |= plan.index_names
    return total / len(q.variants), frozenset(only)


def cost_many(wi: WhatIf, reads: Reads, qis: Sequence[int],
              used: dict[int, set[str]] | None = None) -> dict[int, tuple[float, frozenset[str]]]:
    """``cost_with`` for many statements; those carrying their values are planned in one
    pipeline. A statement the server cannot plan is left out (it keeps its cost). ``used``
    gets, per statement, the indexes its plans read."""
    out: dict[int, tuple[float, frozenset[str]]] = {}
    literal = [qi for qi in qis if reads[qi].stmt.n_params == 0]
    for qi, plan in zip(literal, wi.plan_literals([reads[qi].stmt.text for qi in literal]),
                        strict=True):
        if plan is not None:
            out[qi] = (plan.cost, plan.index_only)
            if used is not None:
                used[qi] = set(plan.index_names)
    for qi in qis:
        if reads[qi].stmt.n_params:
            names: set[str] = set()
            try:
                out[qi] = cost_with(wi, reads[qi], names)
            except CannotPlan:
                continue
            if used is not None:
                used[qi] = names
    return out


class Measurer:
    """``selection.Measure`` on the planning session: the statements planned with exactly the
    given candidates present as hypothetical indexes (kept between calls, dropped on exit)."""

    def __init__(self, wi: WhatIf, reads: Reads):
        self.wi, self.reads = wi, reads
        self.live: dict[str, tuple[int, str]] = {}  # signature -> (oid, hypothetical name)
        self.cache: dict[tuple[frozenset[str], int], tuple[float, frozenset[str]]] = {}

    def __enter__(self) -> Measurer:
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
            for qi, (cost, only) in cost_many(self.wi, self.reads, todo).items():
                self.cache[(key, qi)] = (cost, frozenset(by_name[n] for n in only if n in by_name))
        return {qi: self.cache[(key, qi)] for qi in qis if (key, qi) in self.cache}


def _relevant(c: cands.Candidate, t: Table, reads: Reads) -> list[int]:
    """Statements that read ``t`` through the candidate's leading key or its sort order."""
    lead = c.keys[0].expr
    out = []
    for i, q in reads.items():
        for use in q.stmt.uses:
            if use.table.name == t.name and use.table.schema in (None, t.schema):
                names = {p.expression or p.column for p in use.predicates}
                names |= {col for col, _ in use.order_by} | set(use.group_by)
                names |= {lead for leads in use.or_leads() for lead in leads}
                names |= set(use.nearest)
                if lead in names or (c.where and any(p.column in c.columns for p in use.predicates)):
                    out.append(i)
                    break
    return out


def write_load(c: cands.Candidate, t: Table, writes: Sequence[Query]
               ) -> tuple[float, float, tuple[str, ...], dict[int, float]]:
    """(index entries the workload's writes add, UPDATE rows that would lose HOT, those columns,
    the rows losing HOT per UPDATE statement).

    An INSERT adds an entry per row. An UPDATE setting a column the index stores loses HOT (every
    index of the table gets an entry) unless it has lost it already: when an existing index
    stores a column it sets, every index gets an entry anyway, and this one adds only its own.
    An UPDATE setting none of the indexed columns is HOT only when the page has room, so the
    share of the table's updates the server counted as not HOT (pg_stat_user_tables) adds an
    entry to the new index as well. The selection does the same with the kept candidates:
    an UPDATE another kept index already makes lose HOT costs this one only its entries.
    A partial index gets an entry only for the written rows its WHERE admits: its entries are
    charged at ``fraction`` (the share of the table's rows the WHERE keeps, ``admitted``);
    an UPDATE setting a column of its key or its WHERE loses HOT all the same (the server
    compares every column an index names, predicate included)."""
    entries = hot = 0.0
    hot_cols: set[str] = set()
    per_statement: dict[int, float] = {}
    not_hot = 1.0 - t.n_tup_hot_upd / t.n_tup_upd if t.n_tup_upd > 0 else 0.0
    indexed = _indexed_columns(t)
    admits = cands.admitted(c)
    for w, setcols in _writes_on(t, writes):
        if w.stmt.kind == "insert":
            entries += w.rows * admits
        elif w.stmt.kind == "update":
            touched = setcols & c.columns
            if setcols & indexed:  # not HOT whatever is built: one entry in this index too
                entries += w.rows * admits
            elif touched:
                hot += w.rows
                hot_cols |= touched
                per_statement[w.index] = per_statement.get(w.index, 0.0) + w.rows
            else:
                entries += w.rows * not_hot * admits
    return entries, hot, tuple(sorted(hot_cols)), per_statement


def write_calls(c: cands.Candidate, t: Table, writes: Sequence[Query]) -> float:
    """Calls of the workload's write statements on ``t`` that write no entry into the index
    ``c`` but still pay for it (``index_call_ms``: planned with it, open and locked): the
    UPDATEs that stay HOT (setting no column any index stores, the share the server counted
    as HOT) and the DELETEs. An INSERT or an UPDATE that is not HOT pays it within its entry
    (``index_entry_ms`` is measured on whole statements), a partial index for the share of
    rows its WHERE admits (the rest add no entry and, like the rows of a full index's INSERT,
    no call of their own)."""
    calls = 0.0
    hot_share = t.n_tup_hot_upd / t.n_tup_upd if t.n_tup_upd > 0 else 1.0
    indexed = _indexed_columns(t)
    for w, setcols in _writes_on(t, writes):
        if w.stmt.kind == "delete":
            calls += w.calls
        elif w.stmt.kind == "update":
            if not setcols & (indexed | c.columns):
                calls += w.calls * hot_share
    return calls


def _writes_on(t: Table, writes: Sequence[Query]) -> Iterator[tuple[Query, set[str]]]:
    """The workload's write statements on ``t``, each with the columns it sets there."""
    for w in writes:
        ref = w.stmt.target
        if ref is None or ref.name != t.name or ref.schema not in (None, t.schema):
            continue
        yield w, {col for r, col in w.stmt.updated_columns if r.name == t.name}


def write_budget(writes: Sequence[Query], s: AdviseSettings) -> WriteBudget:
    """The workload's write time now and the share of it the kept set may add: the INSERT,
    UPDATE and DELETE statements' execution time (pg_stat_statements) plus ``call_overhead_ms``
    per call, ``max_write_overhead`` of it (0, no budget, where no write was seen or writes are
    ignored: ``write_weight`` = 0), and the time of a write cost unit."""
    observed = sum(w.statement.total_ms + w.calls * s.call_overhead_ms for w in writes)
    per_unit = s.index_entry_ms / s.index_entry_cost if s.index_entry_cost > 0 else 0.0
    share = s.max_write_overhead if observed > 0 and s.write_weight > 0 else 0.0
    return WriteBudget(observed, share, per_unit)


def _indexed_columns(t: Table) -> set[str]:
    """Columns an existing index of ``t`` stores (keys and INCLUDE; an expression key counts
    for the columns it names): an UPDATE setting one of them is never HOT."""
    out: set[str] = set()
    for ix in t.indexes:
        for key in (*ix.keys, *ix.include):
            if key in t.columns:
                out.add(key)
            else:
                out |= {col for col in t.columns if col in _words(key)}
    return out


def _words(expr: str) -> set[str]:
    return set("".join(ch if ch.isalnum() or ch == "_" else " " for ch in expr).split())


def workload_after(reads: Reads, kept: Sequence[Decision], options_: Sequence[Option], wi: WhatIf,
                   hypopg: bool, queries: Sequence[QueryCost]) -> float:
    """Workload cost with every kept index at once (planner-measured for the btree ones)."""
    afters = {o.candidate.signature: o.after for o in options_}
    best = {q.index: q.base for q in queries}
    for d in kept:
        for qi in d.queries:
            best[qi] = min(best[qi], afters[d.candidate.signature].get(qi, best[qi]))
    touched = {qi for d in kept for qi in d.queries}
    measured = [d for d in kept if d.measured]
    if hypopg and measured:
        with ExitStack() as stack:
            for d in measured:
                stack.enter_context(wi.hypothetical(
                    d.candidate.ddl(concurrently=False, if_not_exists=False)))
            together = cost_many(wi, reads, [q.index for q in queries if q.index in touched])
        for qi, (cost, _) in together.items():  # the others keep their plans
            best[qi] = min(best[qi], cost)
    return sum(q.calls * best[q.index] for q in queries)

