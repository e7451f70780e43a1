"""Phase 7, select: the indexes to keep over the whole workload, greedy on net benefit per byte (pure).

Benefit is measured in planner cost units saved, weighted by calls; write cost is what
maintaining the index adds to the workload's INSERTs and UPDATEs (an UPDATE of a column the
index stores can no longer be HOT, so every index of the table gets a new entry). Each round
keeps the candidate with the best net benefit per byte that clears ``min_improvement``;
the queries it serves then count at their new cost, so an overlapping candidate stops
paying. Every candidate ends with a reason, kept or rejected.

With a ``measure`` function (the planner with hypothetical indexes), indexes are costed
together, not only one at a time: after each round the remaining candidates that share a
query with the kept one are planned again with the kept indexes present, so that indexes
which pay only together (the join chain ``a -> b -> c`` needs an index on each inner side)
are found; a kept index is reported with what it adds to the others (the workload's cost
without it minus with it). ``prefer_covering`` then replaces a kept index by a candidate
that extends it (same leading keys, more columns stored) when the planner reads the wider
one with an Index Only Scan at no higher cost and its extra columns are not updated by the
workload: the planner prices the heap fetches it saves by its row estimate, which a join or
a skewed value can understate by orders of magnitude, while the wider index costs the same
index entries on writes (only bytes). Likewise a longer key replaces the kept prefix it extends
when it makes that prefix's queries at least ``min_improvement`` cheaper: benefit per byte
takes the short key first, and with every slot taken the longer one could never join it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from pgwarden.analyzers.advisor.candidates import Candidate, KeyPart, admitted
from pgwarden.analyzers.advisor.settings import AdviseSettings


@dataclass(frozen=True)
class QueryCost:
    """One read statement of the workload: calls and cost per call without new indexes."""

    index: int
    calls: int
    base: float
    # per OR of one table's columns in it: (schema, table, the column each side's index leads
    # with); a BitmapOr of an index per side serves it (``bitmap_or``)
    or_groups: tuple[tuple[str, str, tuple[str, ...]], ...] = ()


@dataclass(frozen=True)
class Option:
    """A candidate as the selection sees it."""

    candidate: Candidate
    bytes: int
    after: Mapping[int, float]  # statement index -> cost per call with this index
    measured: bool  # costed by the planner with a hypothetical index (hypopg)
    write_entries: float  # index entries written by the workload's INSERTs/UPDATEs
    hot_loss: float  # UPDATE rows that would lose HOT because the index stores a column they set
    hot_columns: tuple[str, ...] = ()
    rejected: str | None = None  # a reason decided before selection (existing index, PK)
    index_only: frozenset[int] = frozenset()  # statements whose plan reads it index-only
    # the UPDATE statements (by index) that would lose HOT for it, and their rows: when another
    # kept index makes one lose HOT already, this one adds only its own entries
    hot_writes: Mapping[int, float] = field(default_factory=dict)
    notes: tuple[str, ...] = ()  # how its cost was estimated, when it matters to the reader
    # statements whose ``after`` is the advisor's estimate of the index-only scan once the table
    # is vacuumed, which the planner (with today's visibility map) cannot see
    after_vacuum: frozenset[int] = frozenset()
    # calls of write statements on its table that write no entry into it but pay for it (a HOT
    # UPDATE, a DELETE: planning, opening and locking it), at ``index_call_ms`` each
    write_calls: float = 0.0


# the planner's cost per call of statements with exactly these (measured) options present, and
# the statements whose plan reads each option with an Index Only Scan (by candidate signature)
Measure = Callable[[Sequence[Option], Sequence[int]], Mapping[int, tuple[float, frozenset[str]]]]


@dataclass(frozen=True)
class WriteBudget:
    """The time the workload's writes take now and the share of it the kept set may add.

    ``observed_ms``: the INSERT/UPDATE/DELETE statements' time (pg_stat_statements' execution
    time plus ``call_overhead_ms`` per call); ``max_fraction``: ``max_write_overhead``;
    ``ms_per_unit``: milliseconds per write cost unit (``index_entry_ms`` per
    ``index_entry_cost``), which turns the marginal write cost model into time."""

    observed_ms: float
    max_fraction: float
    ms_per_unit: float

    @property
    def limit_ms(self) -> float:
        return self.observed_ms * self.max_fraction


@dataclass(frozen=True)
class Decision:
    """A candidate kept or rejected: ``summary`` is the why in one or two lines that fit an
    80-column terminal, ``reason`` the whole reasoning (``advise --explain``)."""

    candidate: Candidate
    kept: bool
    reason: str
    queries: tuple[int, ...]
    cost_before: float  # per call, averaged over the helped queries weighted by calls
    cost_after: float
    benefit: float  # cost units saved over the workload
    write_cost: float  # cost units added to the workload's writes
    bytes: int
    measured: bool
    rank: int = 0
    summary: str = ""
    write_ms: float = 0.0  # estimated time its index entries and lost HOT updates add (ms)
    over_budget: bool = False  # dropped to fit the write budget (``max_write_overhead``)
    # kept although over the write budget: why dropping it was refused (``max_read_loss``)
    kept_over_budget: str = ""

    @property
    def why(self) -> str:
        return self.summary or short(self.reason)


SHORT_WIDTH = 76  # a line of the why, indented by 4 on an 80-column terminal
# a comparison's partial index, added to measured indexes of a join's other tables, leaves the
# statement at least this share of their cost (its saving is an estimate against the old plan)
SAMPLED_FLOOR = 0.05


def short(text: str, lines: int = 2) -> str:
    """``text`` cut to ``lines`` lines of ``SHORT_WIDTH`` (the rest is behind --explain)."""
    import textwrap

    return "\n".join(textwrap.wrap(text, SHORT_WIDTH, max_lines=lines, placeholder=" …"))


def _kept_summary(c: Candidate, helped: int, before: float, after: float, gain: float,
                  write_cost: float, notes: Sequence[str]) -> str:
    """Two short lines: the figures (the same as the cost column), then what it is for and
    how it was costed (the notes, kept whole: the reason is shortened to leave them room)."""
    less = 1 - after / before if before else 0.0
    first = (f"{helped} quer{'y' if helped == 1 else 'ies'}: {before:,.0f} → {after:,.0f} per "
             f"call (-{less:.0%}); saves {gain:,.0f} for {write_cost:,.0f} of writes")
    tail = "".join(f"; {n}" for n in notes)
    room = max(SHORT_WIDTH - len(tail), 24)
    reason = c.reason if len(c.reason) <= room else c.reason[:room - 2].rstrip() + " …"
    return short(first, 1) + "\n" + short(reason + tail, 1)


def select(queries: Sequence[QueryCost], options: Sequence[Option], s: AdviseSettings,
           table_index_count: Mapping[tuple[str, str], int],
           measure: Measure | None = None, budget: WriteBudget | None = None) -> list[Decision]:
    """Kept decisions first (in the order chosen), then every rejected candidate with its reason.

    The steps, repeated until a pass drops nothing: ``fill`` the free slots greedily;
    ``upgrade`` a kept index to a candidate extending it (covering, or a longer key; with
    ``measure`` only); ``prune`` the kept indexes the others now serve as cheaply (a single
    column picked first for its bytes, then a composite starting with it that serves more),
    which frees slots for the next ``fill``; ``fit_budget``: while the kept set's estimated
    write time exceeds ``budget``, drop the kept index whose removal loses the workload the
    least read cost per write time it saves, never one that would raise the read cost by more
    than ``max_read_loss`` (from then on ``fill`` only adds what fits, so a cheaper-writing
    candidate can take its place). Then each candidate is explained."""
    sel = _Selection(queries, options, s, table_index_count, measure, budget)
    while True:
        sel.fill()
        if measure is not None:
            sel.bitmap_or()
            sel.upgrade()
            sel.consolidate()
        if not sel.prune() and not sel.fit_budget():
            break
    final = sel.final_costs()
    return sel.explain_kept(final) + sel.explain_rejected(final)


@dataclass(frozen=True)
class _Effect:
    """What an option does to the queries it reaches, against given current costs."""

    gain: float  # cost units saved, weighted by calls
    improvement: float  # mean fraction saved per helped query, weighted by calls
    write_cost: float
    helped: tuple[int, ...]
    before: float  # per call, weighted by calls, over ``helped``
    after: float


class _Selection:
    """The state of one selection: open and chosen options, each option's cost per call of the
    queries it reaches (``after``: measured alone at first, planned again with the kept indexes
    present where ``measure`` allows), and what happened to each (by candidate signature)."""

    def __init__(self, queries: Sequence[QueryCost], options: Sequence[Option], s: AdviseSettings,
                 table_index_count: Mapping[tuple[str, str], int], measure: Measure | None,
                 budget: WriteBudget | None = None):
        self.s, self.measure, self.counts = s, measure, table_index_count
        # no budget when writes are ignored (write_weight = 0) or max_write_overhead = 0
        self.budget = budget if budget is not None and budget.max_fraction > 0 \
            and s.write_weight > 0 else None
        self.per_unit = budget.ms_per_unit if budget is not None else 0.0  # ms per write unit
        self.enforcing = False  # set once the budget dropped an index: fill adds what fits
        self.dropped: dict[str, tuple[float, float, float]] = {}  # (loss, ms added, set's ms)
        # kept over the budget: (queries slower, the worst factor, read loss, ms added, set's ms)
        self.refused: dict[str, tuple[int, float, float, float, float]] = {}
        self.read_ref: float | None = None  # the read cost when the budget first acted
        self.calls = {q.index: q.calls for q in queries}
        self.unfit: dict[str, tuple[float, float]] = {}  # (ms it would add, kept set's ms)
        self.options = list(options)
        self.by_index = {q.index: q for q in queries if q.base >= s.min_cost}
        self.ors = [q for q in queries if q.or_groups and q.base >= s.min_cost]
        self.base = {q.index: q.base for q in queries}
        self.open = [o for o in options if o.rejected is None]
        self.chosen: list[Option] = []
        self.after: dict[str, dict[int, float]] = {o.candidate.signature: dict(o.after)
                                                   for o in options}
        # a kept index replaced by a candidate extending it: how ("covering": read index-only;
        # "longer": more key columns make its queries cheaper)
        self.upgraded: dict[str, tuple[str, str]] = {}  # extension -> (the one replaced, how)
        self.replaced: dict[str, tuple[Option, str]] = {}  # replaced -> (extension, how)
        self.superseded: dict[str, str] = {}  # dropped -> the name of the kept one serving it
        # dropped: what it would add to the other kept indexes, and the one serving it best
        self.adds_little: dict[str, tuple[_Effect, str]] = {}

    def after_of(self, o: Option) -> dict[int, float]:
        return self.after[o.candidate.signature]

    # -- costs -----------------------------------------------------------------------------

    def costs_with(self, kept: Sequence[Option]) -> dict[int, float]:
        """Cost per call of every query with ``kept``, each option's own cost combined by the
        minimum (no planning)."""
        cur = dict(self.base)
        for o in kept:
            for qi, a in self.after_of(o).items():
                if qi in cur:
                    cur[qi] = min(cur[qi], a)
        return cur

    def set_cost(self, kept: Sequence[Option], qis: Sequence[int]) -> dict[int, float]:
        """Cost per call of ``qis`` with exactly ``kept`` (planned together where measured)."""
        if self.measure is None:
            cur = self.costs_with(kept)
            return {qi: cur[qi] for qi in qis}
        # each statement planned with the kept indexes that reach it (the others cannot change
        # its plan); statements no kept index reaches keep their cost without planning
        groups: dict[tuple[int, ...], list[int]] = {}
        for qi in qis:
            reach = tuple(i for i, o in enumerate(kept) if o.measured and qi in self.after_of(o))
            if reach:
                groups.setdefault(reach, []).append(qi)
        got: dict[int, tuple[float, frozenset[str]]] = {}
        for reach, members in groups.items():
            got.update(self.measure([kept[i] for i in reach], members))
        out = {qi: min(self.base[qi], got[qi][0]) if qi in got else self.base[qi] for qi in qis}
        for o in kept:
            if not o.measured:  # the advisor's own estimate (GIN): combined by the minimum
                on = (o.candidate.schema, o.candidate.table)
                for qi in qis:
                    a = self.after_of(o).get(qi)
                    if a is None:
                        continue
                    if o.candidate.sampled and not any(
                            x.measured and (x.candidate.schema, x.candidate.table) == on
                            and qi in self.after_of(x) for x in kept):
                        # a comparison's partial index saves on its table's scans only (the
                        # estimate scaled them alone): added to what the measured indexes of
                        # the join's other tables save
                        out[qi] = max(out[qi] - (self.base[qi] - a), SAMPLED_FLOOR * out[qi])
                    else:
                        out[qi] = min(out[qi], a)
            for qi in o.after_vacuum & set(qis):  # likewise its estimate after VACUUM
                out[qi] = min(out[qi], o.after[qi])
        return out

    def write_cost(self, o: Option, kept: Sequence[Option]) -> float:
        """Cost units ``o`` adds to the workload's writes, with ``kept`` also built, weighted by
        ``write_weight`` (``write_units``)."""
        return self.s.write_weight * self.write_units(o, kept)

    def write_units(self, o: Option, kept: Sequence[Option]) -> float:
        """Cost units ``o`` adds to the workload's writes, with ``kept`` also built: its own
        entries, and for each UPDATE it makes lose HOT an entry in every index of the table
        plus the non-HOT path itself. An UPDATE that a kept index on the same table makes lose
        HOT already costs ``o`` only its own entry (the marginal cost). The write statements
        that add no entry to it (HOT UPDATEs, DELETEs) cost ``index_call_ms`` a call, in units."""
        s = self.s
        same = [x for x in kept if x is not o and (x.candidate.schema, x.candidate.table)
                == (o.candidate.schema, o.candidate.table)]
        n_ix = self.counts.get((o.candidate.schema, o.candidate.table), 1) + len(same)
        lost = {w for x in same for w in x.hot_writes}
        already = sum(rows for w, rows in o.hot_writes.items() if w in lost)
        fresh = o.hot_loss - already
        calls = s.index_call_ms / s.index_entry_ms * s.index_entry_cost \
            if s.index_entry_ms > 0 else 0.0  # one such call, in cost units
        already *= admitted(o.candidate)  # its own entry, when its WHERE admits the row
        return s.index_entry_cost * (o.write_entries + already + fresh * n_ix) \
            + s.hot_update_cost * fresh + calls * o.write_calls

    def write_ms(self, kept: Sequence[Option]) -> float:
        """Estimated time (ms) the set ``kept`` adds to the workload's writes: each index's
        marginal write cost given the ones before it, in time."""
        return self.per_unit * sum(self.write_units(o, kept[:i]) for i, o in enumerate(kept))

    def effect(self, o: Option, current: Mapping[int, float], kept: Sequence[Option],
               after: Mapping[int, float] | None = None) -> _Effect:
        """What ``o`` (at ``after``, by default its current cost) saves against ``current``."""
        gain = weight = before = after_sum = calls = 0.0
        helped = []
        for qi, a in (self.after_of(o) if after is None else after).items():
            q = self.by_index.get(qi)
            if q is None or current[qi] - a <= 1e-9 or current[qi] < self.s.min_cost:
                continue  # a query the kept indexes already made cheap no longer counts
            helped.append(qi)
            gain += q.calls * (current[qi] - a)
            weight += q.calls * (current[qi] - a) / current[qi]
            before += q.calls * current[qi]
            after_sum += q.calls * a
            calls += q.calls
        return _Effect(gain, weight / calls if calls else 0.0, self.write_cost(o, kept),
                       tuple(helped), before / calls if calls else 0.0,
                       after_sum / calls if calls else 0.0)

    # -- the steps -------------------------------------------------------------------------

    def fill(self) -> None:
        """Keep, round by round, the open option with the best net benefit per byte that
        clears ``min_improvement``, until the slots are full or none pays."""
        while len(self.chosen) < self.s.max_indexes:
            current = self.costs_with(self.chosen)
            best: tuple[float, Option] | None = None
            for o in self.open:
                e = self.effect(o, current, self.chosen)
                if not e.helped or e.gain - e.write_cost <= 0 or e.improvement < self.s.min_improvement:
                    continue
                score = (e.gain - e.write_cost) / max(o.bytes, 8192)
                if self.enforcing and self.budget is not None:
                    now = self.write_ms(self.chosen)
                    adds = self.per_unit * self.write_units(o, self.chosen)
                    if now + adds > self.budget.limit_ms + 1e-9:
                        self.unfit[o.candidate.signature] = (adds, now)
                        continue
                if best is None or score > best[0]:
                    best = (score, o)
            if best is None:
                return
            self.chosen.append(best[1])
            self.open.remove(best[1])
            if self.measure is not None and (best[1].measured or best[1].candidate.sampled):
                self.recost(best[1], current)

    def bitmap_or(self) -> bool:
        """Keep together the indexes a BitmapOr needs: for an OR of one table's columns (``a =
        $1 OR b = $1``), one index leading with each side's column. No such index alone makes
        the statement cheaper (the planner scans the table unless every side has one), so
        ``fill`` never picks them; here the sides no kept index leads with get the smallest
        open candidate leading with their column, and those are kept together when, planned
        with the kept ones, they make the statement ``min_improvement`` cheaper and save more
        than their write cost (and fit the slots, and the write budget once it acts). A side
        no candidate leads with is left to an existing index (the plan tells). True when some
        were kept."""
        added = False
        for q in self.ors:
            for schema, table, leads in q.or_groups:
                partners: list[Option] = []
                for lead in dict.fromkeys(leads):
                    on = [o for o in [*self.chosen, *self.open] if o.measured
                          and (o.candidate.schema, o.candidate.table) == (schema, table)
                          and o.candidate.keys[0].expr == lead and o.candidate.where is None]
                    free = [o for o in on if o in self.open]
                    if free and not any(o in self.chosen for o in on):
                        partners.append(min(free, key=lambda o: (len(o.candidate.keys), o.bytes)))
                if not partners or len(self.chosen) + len(partners) > self.s.max_indexes:
                    continue
                trial = [*self.chosen, *partners]
                qis = sorted({qi for p in partners for qi in self.after_of(p) if qi in self.base}
                             | {q.index})
                before, after = self.set_cost(self.chosen, qis), self.set_cost(trial, qis)
                gain = sum(self.calls.get(qi, 0) * (before[qi] - after[qi]) for qi in qis)
                write = sum(self.write_cost(p, [*self.chosen, *partners[:i]])
                            for i, p in enumerate(partners))
                better = 1.0 - after[q.index] / before[q.index] if before[q.index] > 0 else 0.0
                if better < self.s.min_improvement or gain - write <= 0:
                    continue
                if self.enforcing and self.budget is not None \
                        and self.write_ms(trial) > self.budget.limit_ms + 1e-9:
                    continue
                for p in partners:
                    self.chosen.append(p)
                    self.open.remove(p)
                    # its cost of the queries, now with the others: the BitmapOr they make
                    self.after_of(p).update({qi: after[qi] for qi in qis
                                             if qi in self.after_of(p) or qi == q.index})
                added = True
        return added

    def recost(self, new: Option, current: Mapping[int, float]) -> None:
        """Plan again, with the kept indexes present, the open candidates on other tables sharing
        a query that the newly kept ``new`` made cheaper (their cost alone no longer says what
        they would add: the plan around ``new`` changed). A candidate on the same table as
        ``new`` is an alternative access path to it, which the minimum of the two costs
        describes well enough."""
        changed = {qi for qi, a in self.after_of(new).items()
                   if qi in current and a < current[qi] - 1e-9}
        table = (new.candidate.schema, new.candidate.table)
        for o in self.open:
            qis = [qi for qi in self.after_of(o) if qi in changed]
            if o.measured and qis and (o.candidate.schema, o.candidate.table) != table:
                self.after_of(o).update(self.set_cost([*self.chosen, o], qis))

    def upgrade(self) -> None:
        """Let a candidate extending a kept index take its slot (``_upgrade`` says when)."""
        assert self.measure is not None
        for o in list(self.chosen):
            up = _upgrade(o, self.chosen, self.open, self.after, self.by_index, self.measure,
                          self.s)
            if up is not None:
                better, how = up
                self.chosen[self.chosen.index(o)] = better
                self.open.remove(better)
                self.upgraded[better.candidate.signature] = (o.candidate.describe(), how)
                self.replaced[o.candidate.signature] = (better, how)

    def consolidate(self) -> None:
        """Let one partial index for several rare values of a column (``merged_rare``) take the
        place of the kept one-value indexes it merges, when it serves their queries about as
        cheaply: planned with the other kept indexes, it keeps all but ``MERGE_SLACK`` of what
        they save their queries, and it is written no more than they are. Of several such, the
        one that gives up the least."""
        assert self.measure is not None
        by_parts: dict[tuple[str, ...], list[Option]] = {}
        for o in self.open:
            if o.candidate.parts and o.measured:
                by_parts.setdefault(o.candidate.parts, []).append(o)
        for names, merged in by_parts.items():
            parts = [o for o in self.chosen if o.candidate.signature in names]
            if len(parts) < 2:
                continue
            qis = sorted({qi for x in (*parts, *merged) for qi in self.after_of(x)
                          if qi in self.by_index})
            others = [x for x in self.chosen if not any(x is p for p in parts)]
            mine = self.set_cost(self.chosen, qis)
            without = self.set_cost(others, qis)
            # what the one-value indexes add to the others
            gain = sum(self.calls[qi] * (without[qi] - mine[qi]) for qi in qis)
            if gain <= 0:
                continue
            best: tuple[float, Option] | None = None
            for m in merged:
                if self.write_units(m, others) > sum(self.write_units(p, others) for p in parts) + 1e-9:
                    continue
                theirs = self.set_cost([*others, m], qis)
                loss = sum(self.calls[qi] * (theirs[qi] - mine[qi]) for qi in qis)
                if loss <= MERGE_SLACK * gain + 0.01 and (best is None or loss < best[0]):
                    best = (loss, m)
            if best is None:
                continue
            m = best[1]
            for p in parts:
                self.chosen.remove(p)
                self.replaced[p.candidate.signature] = (m, "merged")
            self.chosen.append(m)
            self.open.remove(m)
            self.upgraded[m.candidate.signature] = (
                ", ".join(p.candidate.describe() for p in parts), "merged")

    def prune(self) -> bool:
        """Drop the kept indexes whose queries the other kept ones serve as cheaply (within
        5%), or that add less than the thresholds to them (under ``min_improvement``, or
        saving less than their write cost): an index is kept only when what its reason will
        say clears them. True when one was dropped (its slot is free again)."""
        pruned = False
        for o in list(self.chosen):
            mine_q = [qi for qi in self.after_of(o) if qi in self.by_index]
            others = [x for x in self.chosen if x is not o]
            if not any(qi in self.after_of(x) for x in others for qi in mine_q):
                continue  # no other kept index reaches its queries: it cannot be superseded
            without = self.set_cost(others, mine_q)
            mine = self.set_cost(self.chosen, mine_q)
            by = min(others, key=lambda x: sum(self.after_of(x).get(qi, self.base[qi])
                                               for qi in mine_q))
            if all(without[qi] <= mine[qi] * 1.05 + 0.01 for qi in mine_q):
                self.superseded[o.candidate.signature] = by.candidate.name
            else:
                e = self.effect(o, without, others, mine)
                if e.improvement >= self.s.min_improvement and e.gain - e.write_cost > 0:
                    continue
                self.adds_little[o.candidate.signature] = (e, by.candidate.name)
            self.chosen.remove(o)
            pruned = True
        return pruned

    def read_total(self, kept: Sequence[Option]) -> float:
        """The workload's estimated read cost (calls x cost per call, every read statement)
        with exactly ``kept``: the statements they reach planned together (``set_cost``)."""
        reached = sorted({qi for o in kept for qi in self.after_of(o) if qi in self.base})
        cur = dict(self.base)
        cur.update(self.set_cost(kept, reached))
        return sum(self.calls.get(qi, 0) * c for qi, c in cur.items())

    def fit_budget(self) -> bool:
        """When the kept set's estimated write time exceeds the budget, drop the kept index
        whose removal loses the workload the least read cost (its statements planned again
        with the other kept indexes in place: a query another kept index serves nearly as well
        loses little, one left to a sequential scan a lot) per millisecond of writes it saves,
        and let ``fill`` add only what fits from then on. An index whose removal would raise
        the workload's estimated read cost above ``1 + max_read_loss`` times the kept set's
        before the budget acted is not dropped: it stays, over the budget, and its reason says
        what dropping it would cost; so is one whose removal would make a statement (costing at
        least ``min_cost`` without it) more than ``max_query_slowdown`` times slower. True when
        one was dropped."""
        self.refused.clear()
        if self.budget is None:
            return False
        total = self.write_ms(self.chosen)
        if total <= self.budget.limit_ms + 1e-9:
            return False
        self.enforcing = True
        now = self.read_total(self.chosen)
        if self.read_ref is None:
            self.read_ref = now
        ceiling = self.read_ref * (1.0 + self.s.max_read_loss)
        best: tuple[float, Option, float, float] | None = None
        for o in self.chosen:
            others = [x for x in self.chosen if x is not o]
            adds = total - self.write_ms(others)
            if adds <= 1e-12:
                continue  # it adds no write: dropping it cannot help
            mine_q = [qi for qi in self.after_of(o) if qi in self.base]
            without = self.set_cost(others, mine_q)
            with_it = self.set_cost(self.chosen, mine_q)
            loss = sum(self.calls.get(qi, 0) * max(without[qi] - with_it[qi], 0.0)
                       for qi in mine_q)
            slower = [qi for qi in mine_q if without[qi] > with_it[qi] * 1.05 + 0.01]
            worst = max((without[qi] / with_it[qi] if with_it[qi] > 0 else float("inf")
                         for qi in slower if without[qi] >= self.s.min_cost), default=1.0)
            limit = self.s.max_query_slowdown
            if now + loss > ceiling + 1e-9 or (limit > 0 and worst > limit):
                self.refused[o.candidate.signature] = (len(slower), worst, loss, adds, total)
                continue
            if best is None or loss / adds < best[0]:
                best = (loss / adds, o, loss, adds)
        if best is None:
            return False
        _, o, loss, adds = best
        self.chosen.remove(o)
        self.dropped[o.candidate.signature] = (loss, adds, total)
        # the candidates it had superseded or replaced may take its place if they fit
        back = {sig for sig, name in self.superseded.items() if name == o.candidate.name}
        back |= {sig for sig, (ext, _) in self.replaced.items() if ext is o}
        for sig in back:
            self.superseded.pop(sig, None)
            self.replaced.pop(sig, None)
        self.open += [x for x in self.options if x.candidate.signature in back
                      and x.rejected is None and not any(x is y for y in self.open)]
        return True

    def kept_over_budget(self, o: Option) -> tuple[str, str]:
        """The lines a kept index gets when the budget could not drop it: the full reason and
        its short form for the summary (both "" otherwise)."""
        got = self.refused.get(o.candidate.signature)
        if got is None or self.budget is None:
            return "", ""
        n, factor, _, adds, _ = got
        slower = (f"1 query {factor:,.1f}x slower" if n == 1 else
                  f"{n} queries up to {factor:,.1f}x slower" if n else "")
        what = f"make {slower}" if slower else "raise the workload's read cost"
        full = (f"kept although over the write budget: dropping it would {what} "
                f"(max_read_loss = {self.s.max_read_loss:.0%}, max_query_slowdown = "
                f"{self.s.max_query_slowdown:g}x; it adds {adds:,.1f} ms of writes)")
        brief = (f"kept over the write budget: without it {slower}" if slower else
                 f"kept although over the write budget: dropping it would {what}")
        return full, brief

    def final_costs(self) -> dict[int, float]:
        """Cost per call of every query with every kept index (planned together if measured)."""
        final = self.costs_with(self.chosen)
        if self.measure is not None:  # the queries no kept index reaches keep their cost
            final.update(self.set_cost(self.chosen, sorted(
                {qi for o in self.chosen for qi in self.after_of(o) if qi in self.base})))
        return final

    # -- the reasons -----------------------------------------------------------------------

    def explain_kept(self, final: Mapping[int, float]) -> list[Decision]:
        """A decision per kept index: what it adds to the others (measured), or alone."""
        s = self.s
        kept: list[Decision] = []
        for rank, o in enumerate(self.chosen, 1):
            others = [x for x in self.chosen if x is not o]
            # its write cost with the ones kept before it: the first index that makes an UPDATE
            # lose HOT carries that price, the later ones their entries (the totals add up)
            before = self.chosen[:rank - 1]
            if self.measure is None:
                e = self.effect(o, self.base, before, o.after)
            else:  # what it adds to the other kept indexes
                mine_q = [qi for qi in self.after_of(o) if qi in self.base]
                e = self.effect(o, self.set_cost(others, mine_q), before,
                                {qi: final[qi] for qi in mine_q})
            n = len(e.helped)
            less = 1 - e.after / e.before if e.before else 0.0
            why = (f"{o.candidate.reason}; {n} quer{'y' if n == 1 else 'ies'} cost "
                   f"{e.before:,.1f} → {e.after:,.1f} per call ({less:.0%} less, weighted by "
                   f"calls); judged per query, {e.improvement:.0%} cheaper on average "
                   f"(threshold min_improvement = {s.min_improvement:.0%}); saving "
                   f"{e.gain:,.0f} cost units for {e.write_cost:,.0f} of write cost")
            notes = []
            if self.measure is not None and len(self.chosen) > 1:
                why += " (with the other kept indexes in place)"
            up = self.upgraded.get(o.candidate.signature)
            if up is not None and up[1] != "merged":  # a merged one's reason says it already
                notes.append("extends a narrower candidate" if up[1] == "covering"
                             else "a longer key in its prefix's slot")
            if not o.measured and o.candidate.sampled:
                notes.append("estimated: hypopg would price it at the planner's third of the rows")
            elif not o.measured:
                notes.append("estimated: hypopg cannot build it")
            if o.after_vacuum:
                notes.append("index-only, as after VACUUM")
            if o.notes:
                why += "; " + "; ".join(o.notes)
            if up is not None and up[1] == "covering":
                why += (f"; chosen over {up[0]} (prefer_covering): the planner reads it "
                        "with an Index Only Scan at no higher cost, no heap visit per row, and its "
                        "extra columns are not updated by the workload")
            elif up is not None and up[1] == "merged":
                why += (f"; in place of {up[0]}: it keeps at least {1 - MERGE_SLACK:.0%} of "
                        "what they save their queries, and it is written no more")
            elif up is not None:
                why += (f"; chosen over {up[0]}, which it extends: its longer key makes "
                        f"the queries at least min_improvement = {s.min_improvement:.0%} cheaper, "
                        "in the same slot, and its extra columns are not updated by the workload")
            if o.hot_columns:
                why += f" (stores write-hot {', '.join(o.hot_columns)}; HOT loss counted)"
            if not o.measured:
                why += "; UNVALIDATED: the advisor's own estimate, not a planner measurement"
            over, brief = self.kept_over_budget(o)
            if over:
                why += "; " + over
            summary = _kept_summary(o.candidate, n, e.before, e.after, e.gain, e.write_cost,
                                    notes)
            if over:
                summary += "\n" + short(brief, 1)
            kept.append(Decision(o.candidate, True, why, e.helped, e.before, e.after, e.gain,
                                 e.write_cost, o.bytes, o.measured, rank, summary,
                                 self.per_unit * self.write_units(o, before),
                                 kept_over_budget=over))
        return kept

    def server(self, qi: int) -> str | None:
        """The name of the kept index that serves query ``qi`` most cheaply, if any does."""
        best = min(self.chosen, key=lambda x: self.after_of(x).get(qi, self.base[qi]), default=None)
        return best.candidate.name if best is not None and qi in self.after_of(best) else None

    def explain_rejected(self, final: Mapping[int, float]) -> list[Decision]:
        """A decision per candidate not kept, with the first reason that applies."""
        rejected: list[Decision] = []
        for o in self.options:
            if any(o is x for x in self.chosen):
                continue
            if o.rejected is not None:
                rejected.append(Decision(o.candidate, False, o.rejected, (), 0, 0, 0, 0, o.bytes,
                                         o.measured))
                continue
            alone = self.effect(o, self.base, self.chosen, o.after)
            now = self.effect(o, final, self.chosen)
            sig = o.candidate.signature
            dropped = self.dropped.get(sig)
            rejected.append(Decision(o.candidate, False, self._why_not(o, alone, now, final),
                                     alone.helped, alone.before, alone.after, alone.gain,
                                     alone.write_cost, o.bytes, o.measured,
                                     write_ms=dropped[1] if dropped else
                                     self.per_unit * self.write_units(o, self.chosen),
                                     over_budget=dropped is not None))
        return rejected

    def _why_not(self, o: Option, alone: _Effect, now: _Effect, final: Mapping[int, float]) -> str:
        s, sig = self.s, o.candidate.signature
        if sig in self.dropped and self.budget is not None:
            loss, adds, total = self.dropped[sig]
            seen = self.budget.observed_ms
            return (f"dropped for the write budget: the kept set's writes were estimated at "
                    f"+{total:,.1f} ms ({total / seen:.1%} of the writes' {seen:,.1f} ms; "
                    f"max_write_overhead = {self.budget.max_fraction * 100:g}%); it adds {adds:,.1f} "
                    f"ms of them, and without it the workload's reads would cost {loss:,.0f} "
                    "cost units more (planned with the other kept indexes in place): the least "
                    "read loss per write time of the kept indexes")
        if sig in self.superseded:
            return f"superseded by {self.superseded[sig]}, which serves its queries as cheaply"
        if sig in self.adds_little:
            e, by = self.adds_little[sig]
            return (f"adds only {e.improvement:.0%} to the other kept indexes ({by} first), "
                    f"saving {e.gain:,.0f} for {e.write_cost:,.0f} of write cost "
                    f"(min_improvement = {s.min_improvement:.0%})")
        if sig in self.replaced and self.replaced[sig][1] == "covering":
            return (f"replaced by {self.replaced[sig][0].candidate.name}, which extends it and "
                    "answers its queries with an Index Only Scan (prefer_covering)")
        if sig in self.replaced and self.replaced[sig][1] == "merged":
            return (f"merged into {self.replaced[sig][0].candidate.name}, one index for its "
                    "rare value and the others' (one index fewer, as cheap to read)")
        if sig in self.replaced:
            return (f"replaced by {self.replaced[sig][0].candidate.name}, which extends it with "
                    "more key columns and serves its queries more cheaply")
        if not alone.helped and o.after and all(self.base[q] < s.min_cost
                                                for q in o.after if q in self.base):
            return f"its queries are already cheap (under min_cost = {s.min_cost:g} per call)"
        if not alone.helped and not now.helped:
            return ("no query gets cheaper with it: the planner keeps its current plan "
                    "(too many rows match, or another path is already as cheap)")
        if not now.helped:
            names = sorted({n for q in alone.helped if (n := self.server(q)) is not None})
            why = f"its queries are already served by {', '.join(names) or 'a kept index'}"
            if all(final[q] < s.min_cost for q in alone.helped):
                why += f" (they now cost under min_cost = {s.min_cost:g} per call)"
            return why
        if sig in self.unfit and self.budget is not None:
            adds, kept_ms = self.unfit[sig]
            return (f"does not fit the write budget: it would add {adds:,.1f} ms to the kept "
                    f"set's {kept_ms:,.1f} ms, over {self.budget.limit_ms:,.1f} ms "
                    f"(max_write_overhead = {self.budget.max_fraction * 100:g}% of the writes' "
                    f"{self.budget.observed_ms:,.1f} ms)")
        if now.gain - now.write_cost <= 0 and o.hot_columns:
            return (f"write-hot column {', '.join(o.hot_columns)}: {o.hot_loss:,.0f} updated rows "
                    f"would lose HOT; write cost {now.write_cost:,.0f} exceeds the "
                    f"{now.gain:,.0f} it would still save")
        if now.gain - now.write_cost <= 0:
            return (f"write cost {now.write_cost:,.0f} exceeds the {now.gain:,.0f} cost units it "
                    "would still save")
        if now.improvement < s.min_improvement:
            kept_note = " beyond the kept indexes" if abs(now.improvement - alone.improvement) > 0.005 else ""
            return (f"saves only {now.improvement:.0%} of its queries' cost{kept_note} "
                    f"(threshold min_improvement = {s.min_improvement:.0%})")
        return (f"no slot left: max_indexes = {s.max_indexes} indexes kept first "
                f"(it would save {now.gain:,.0f} cost units for {now.write_cost:,.0f} of write cost)")


MERGE_SLACK = 0.05  # the share of the one-value indexes' saving a merged one may give up


def _same_key(a: KeyPart, b: KeyPart) -> bool:
    """The same index key column; whether the candidate was generated for an ORDER BY does not
    change the index."""
    return (a.expr, a.expression, a.desc, a.opclass) == (b.expr, b.expression, b.desc, b.opclass)


def _extends(wide: Option, narrow: Option) -> bool:
    w, n = wide.candidate, narrow.candidate
    return (w.schema, w.table, w.method, w.where) == (n.schema, n.table, n.method, n.where) \
        and len(w.keys) >= len(n.keys) and all(map(_same_key, w.keys, n.keys)) \
        and w.columns > n.columns and set(wide.hot_columns) <= set(narrow.hot_columns)


def _upgrade(o: Option, chosen: Sequence[Option], open_: Sequence[Option],
             after: Mapping[str, Mapping[int, float]], by_index: Mapping[int, QueryCost],
             measure: Measure, s: AdviseSettings) -> tuple[Option, str] | None:
    """The open candidate that should take the kept ``o``'s slot, and why; None when none.

    It extends ``o`` (same leading keys, more columns stored, no more write-hot columns, so the
    same index entries on writes) and, planned with the other kept indexes in place, is nowhere
    costlier, and either is read index-only where ``o`` is not (``prefer_covering``) or makes
    the queries ``o`` serves at least ``min_improvement`` cheaper (a longer key: greedy on
    benefit per byte takes the short key first, and with every slot full the longer one could
    otherwise never replace it)."""
    if not o.measured:
        return None
    wider = [c for c in open_ if c.measured and _extends(c, o)]
    if not s.prefer_covering:
        wider = [c for c in wider if len(c.candidate.keys) > len(o.candidate.keys)]
    qis = sorted({qi for x in (o, *wider) for qi in after[x.candidate.signature]
                  if qi in by_index})
    if not wider or not qis:
        return None
    others = [x for x in chosen if x is not o and x.measured
              and any(qi in after[x.candidate.signature] for qi in qis)]
    mine = measure([*others, o], qis)
    sig = o.candidate.signature
    already = {qi for qi, (_, only) in mine.items() if sig in only}
    found: list[tuple[int, int, float, Option, str]] = []
    for c in wider:
        theirs = measure([*others, c], qis)
        if any(theirs[qi][0] > mine[qi][0] * 1.01 + 0.01 for qi in qis):
            continue
        gained = {qi for qi, (_, names) in theirs.items() if c.candidate.signature in names} - already
        counted = [qi for qi in qis if mine[qi][0] >= s.min_cost and theirs[qi][0] < mine[qi][0]]
        calls = sum(by_index[qi].calls for qi in counted)
        improvement = sum(by_index[qi].calls * (mine[qi][0] - theirs[qi][0]) / mine[qi][0]
                          for qi in counted) / calls if calls else 0.0
        cost = sum(by_index[qi].calls * theirs[qi][0] for qi in qis)
        if s.prefer_covering and gained and c.index_only & set(qis):
            found.append((-len(gained), c.bytes, cost, c, "covering"))
        elif len(c.candidate.keys) > len(o.candidate.keys) and improvement >= s.min_improvement:
            found.append((0, c.bytes, cost, c, "longer"))
    if not found:
        return None
    # most statements newly read index-only first, then the smallest; a bigger one only when
    # its queries cost clearly (1%) less
    found.sort(key=lambda f: (f[0], f[1]))
    best = found[0]
    for f in found[1:]:
        if f[0] == best[0] and f[2] < best[2] * 0.99:
            best = f
    return best[3], best[4]
