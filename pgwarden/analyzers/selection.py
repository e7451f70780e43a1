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
    by_index = {q.index: q for q in queries}
    current = {q.index: q.base for q in queries}
    open_ = [o for o in options if o.rejected is None]
    chosen: list[Decision] = []
    kept_names: dict[int, str] = {}  # statement -> the kept index that served it first

    def write_cost(o: Option) -> float:
        n_ix = table_index_count.get((o.candidate.schema, o.candidate.table), 1) + len(
            [d for d in chosen if d.candidate.table == o.candidate.table])
        return s.write_weight * s.index_entry_cost * (o.write_entries + o.hot_loss * n_ix)

    def evaluate(o: Option) -> tuple[float, float, float, tuple[int, ...], float, float]:
        gain = 0.0
        weight_before = 0.0
        helped = []
        before_sum = after_sum = calls = 0.0
        for qi, after in o.after.items():
            q = by_index.get(qi)
            if q is None or q.base < s.min_cost:
                continue
            saved = current[qi] - after
            if saved <= 1e-9:
                continue
            helped.append(qi)
            gain += q.calls * saved
            weight_before += q.calls * q.base  # judged against the cost without new indexes
            before_sum += q.calls * current[qi]
            after_sum += q.calls * after
            calls += q.calls
        improvement = gain / weight_before if weight_before else 0.0
        return (gain, improvement, write_cost(o), tuple(helped),
                before_sum / calls if calls else 0.0, after_sum / calls if calls else 0.0)

    initial = {id(o): evaluate(o) for o in open_}
    while len(chosen) < s.max_indexes:
        best: tuple[float, Option] | None = None
        for o in open_:
            gain, improvement, wcost, helped, _, _ = evaluate(o)
            net = gain - wcost
            if not helped or net <= 0 or improvement < s.min_improvement:
                continue
            score = net / max(o.bytes, 8192)
            if best is None or score > best[0]:
                best = (score, o)
        if best is None:
            break
        o = best[1]
        gain, improvement, wcost, helped, before, after = evaluate(o)
        why = (f"{o.candidate.reason}; makes {len(helped)} quer{'y' if len(helped) == 1 else 'ies'} "
               f"{improvement:.0%} cheaper (threshold {s.min_improvement:.0%}), saving "
               f"{gain:,.0f} cost units for {wcost:,.0f} of write cost")
        if not o.measured:
            why += "; UNVALIDATED: the advisor's own estimate, not a planner measurement"
        chosen.append(Decision(o.candidate, True, why, helped, before, after, gain, wcost,
                               o.bytes, o.measured, len(chosen) + 1))
        for qi in helped:
            current[qi] = min(current[qi], o.after[qi])
            kept_names.setdefault(qi, o.candidate.name)
        open_.remove(o)

    rejected: list[Decision] = []
    for o in options:
        if any(d.candidate is o.candidate for d in chosen):
            continue
        if o.rejected is not None:
            rejected.append(Decision(o.candidate, False, o.rejected, (), 0, 0, 0, 0, o.bytes,
                                     o.measured))
            continue
        gain, improvement, wcost, helped, before, after = evaluate(o)
        g0, imp0, _, helped0, b0, a0 = initial[id(o)]
        if not helped0 and o.after and all(by_index[q].base < s.min_cost for q in o.after
                                           if q in by_index):
            why = (f"its queries are already cheap (under min_cost = {s.min_cost:g} per call)")
        elif not helped0:
            why = ("no query gets cheaper with it: the planner keeps its current plan "
                   "(too many rows match, or another path is already as cheap)")
        elif not helped:
            servers = sorted({kept_names[q] for q in helped0 if q in kept_names})
            why = f"its queries are already served by {', '.join(servers) or 'a kept index'}"
        elif gain - wcost <= 0 and o.hot_columns:
            why = (f"write-hot column {', '.join(o.hot_columns)}: {o.hot_loss:,.0f} updates would "
                   f"lose HOT; write cost {wcost:,.0f} exceeds the {gain:,.0f} saved")
        elif gain - wcost <= 0:
            why = f"write cost {wcost:,.0f} exceeds the {gain:,.0f} cost units saved"
        elif improvement < s.min_improvement:
            why = (f"saves only {improvement:.0%} of its queries' cost "
                   f"(threshold min_improvement = {s.min_improvement:.0%})")
        else:
            why = f"not needed within max_indexes = {s.max_indexes}"
        rejected.append(Decision(o.candidate, False, why, helped0, b0, a0, g0, wcost, o.bytes,
                                 o.measured))
    return chosen + rejected
