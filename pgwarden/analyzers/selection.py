"""Choosing indexes over the whole workload: greedy on net benefit per byte (pure).

Benefit is measured in planner cost units saved, weighted by calls; write cost is what
maintaining the index adds to the workload's INSERTs and UPDATEs (an UPDATE of a column the
index stores can no longer be HOT, so every index of the table gets a new entry). Each round
keeps the candidate with the best net benefit per byte that clears ``min_improvement``;
the queries it serves then count at their new cost, so an overlapping candidate stops
paying. Every candidate ends with a reason, kept or rejected.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from pgwarden.analyzers.candidates import Candidate
from pgwarden.analyzers.settings import AdviseSettings


@dataclass(frozen=True)
class QueryCost:
    """One read statement of the workload: calls and cost per call without new indexes."""

    index: int
    calls: int
    base: float


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


@dataclass(frozen=True)
class Decision:
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


def select(queries: Sequence[QueryCost], options: Sequence[Option], s: AdviseSettings,
           table_index_count: Mapping[tuple[str, str], int]) -> list[Decision]:
    """Kept decisions first (in the order chosen), then every rejected candidate with its reason."""
    by_index = {q.index: q for q in queries if q.base >= s.min_cost}
    base = {q.index: q.base for q in queries}
    open_ = [o for o in options if o.rejected is None]
    chosen: list[Option] = []

    def costs_with(kept: Sequence[Option]) -> dict[int, float]:
        cur = dict(base)
        for o in kept:
            for qi, a in o.after.items():
                if qi in cur:
                    cur[qi] = min(cur[qi], a)
        return cur

    def write_cost(o: Option, kept: Sequence[Option]) -> float:
        n_ix = table_index_count.get((o.candidate.schema, o.candidate.table), 1) + len(
            [x for x in kept if x.candidate.table == o.candidate.table and x is not o])
        return s.write_weight * s.index_entry_cost * (o.write_entries + o.hot_loss * n_ix)

    def evaluate(o: Option, current: Mapping[int, float], kept: Sequence[Option]
                 ) -> tuple[float, float, float, tuple[int, ...], float, float]:
        """(gain, improvement over ``current``, write cost, helped, before, after)"""
        gain = weight = before = after = calls = 0.0
        helped = []
        for qi, a in o.after.items():
            q = by_index.get(qi)
            if q is None or current[qi] - a <= 1e-9 or current[qi] < s.min_cost:
                continue  # a query the kept indexes already made cheap no longer counts
            helped.append(qi)
            gain += q.calls * (current[qi] - a)
            weight += q.calls * current[qi]
            before += q.calls * current[qi]
            after += q.calls * a
            calls += q.calls
        return (gain, gain / weight if weight else 0.0, write_cost(o, kept), tuple(helped),
                before / calls if calls else 0.0, after / calls if calls else 0.0)

    while len(chosen) < s.max_indexes:
        current = costs_with(chosen)
        best: tuple[float, Option] | None = None
        for o in open_:
            gain, improvement, wcost, helped, _, _ = evaluate(o, current, chosen)
            if not helped or gain - wcost <= 0 or improvement < s.min_improvement:
                continue
            score = (gain - wcost) / max(o.bytes, 8192)
            if best is None or score > best[0]:
                best = (score, o)
        if best is None:
            break
        chosen.append(best[1])
        open_.remove(best[1])

    # prune: a kept index whose queries the other kept indexes serve as cheaply goes (a single
    # column picked first for its bytes, then a composite starting with it that serves more)
    superseded: dict[int, str] = {}
    for o in list(chosen):
        others = [x for x in chosen if x is not o]
        if not others:
            continue
        without = costs_with(others)
        mine = costs_with(chosen)
        if all(without[qi] <= mine[qi] * 1.05 + 0.01 for qi in o.after if qi in by_index):
            by = min(others, key=lambda x: sum(x.after.get(qi, base[qi]) for qi in o.after))
            superseded[id(o)] = by.candidate.name
            chosen.remove(o)

    final = costs_with(chosen)
    kept: list[Decision] = []
    for rank, o in enumerate(chosen, 1):
        gain, improvement, wcost, helped, before, after = evaluate(
            o, base, [x for x in chosen if x is not o])
        why = (f"{o.candidate.reason}; makes {len(helped)} quer{'y' if len(helped) == 1 else 'ies'}"
               f" {improvement:.0%} cheaper (threshold min_improvement = {s.min_improvement:.0%}),"
               f" saving {gain:,.0f} cost units for {wcost:,.0f} of write cost")
        if o.hot_columns:
            why += f" (stores write-hot {', '.join(o.hot_columns)}; HOT loss counted)"
        if not o.measured:
            why += "; UNVALIDATED: the advisor's own estimate, not a planner measurement"
        kept.append(Decision(o.candidate, True, why, helped, before, after, gain, wcost, o.bytes,
                             o.measured, rank))

    def server(qi: int) -> str | None:
        best_o = min(chosen, key=lambda x: x.after.get(qi, base[qi]), default=None)
        return best_o.candidate.name if best_o is not None and qi in best_o.after else None

    rejected: list[Decision] = []
    for o in options:
        if any(o is x for x in chosen):
            continue
        if o.rejected is not None:
            rejected.append(Decision(o.candidate, False, o.rejected, (), 0, 0, 0, 0, o.bytes,
                                     o.measured))
            continue
        gain0, imp0, w0, helped0, b0, a0 = evaluate(o, base, chosen)
        gain, improvement, wcost, helped, _, _ = evaluate(o, final, chosen)
        if id(o) in superseded:
            why = f"superseded by {superseded[id(o)]}, which serves its queries as cheaply"
        elif not helped0 and o.after and all(base[q] < s.min_cost for q in o.after if q in base):
            why = f"its queries are already cheap (under min_cost = {s.min_cost:g} per call)"
        elif not helped0:
            why = ("no query gets cheaper with it: the planner keeps its current plan "
                   "(too many rows match, or another path is already as cheap)")
        elif not helped:
            names = sorted({n for q in helped0 if (n := server(q)) is not None})
            why = f"its queries are already served by {', '.join(names) or 'a kept index'}"
        elif gain - wcost <= 0 and o.hot_columns:
            why = (f"write-hot column {', '.join(o.hot_columns)}: {o.hot_loss:,.0f} updated rows "
                   f"would lose HOT; write cost {wcost:,.0f} exceeds the {gain:,.0f} it would "
                   "still save")
        elif gain - wcost <= 0:
            why = f"write cost {wcost:,.0f} exceeds the {gain:,.0f} cost units it would still save"
        elif improvement < s.min_improvement:
            kept_note = " beyond the kept indexes" if abs(improvement - imp0) > 0.005 else ""
            why = (f"saves only {improvement:.0%} of its queries' cost{kept_note} "
                   f"(threshold min_improvement = {s.min_improvement:.0%})")
        else:
            why = f"not needed within max_indexes = {s.max_indexes}"
        rejected.append(Decision(o.candidate, False, why, helped0, b0, a0, gain0, w0, o.bytes,
                                 o.measured))
    return kept + rejected
