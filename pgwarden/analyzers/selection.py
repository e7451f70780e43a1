"""Choosing indexes over the whole workload: greedy on net benefit per byte (pure).

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
from dataclasses import dataclass

from pgwarden.analyzers.candidates import Candidate, KeyPart
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
    index_only: frozenset[int] = frozenset()  # statements whose plan reads it index-only


# the planner's cost per call of statements with exactly these (measured) options present, and
# the statements whose plan reads each option with an Index Only Scan (by candidate signature)
Measure = Callable[[Sequence[Option], Sequence[int]], Mapping[int, tuple[float, frozenset[str]]]]


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
           table_index_count: Mapping[tuple[str, str], int],
           measure: Measure | None = None) -> list[Decision]:
    """Kept decisions first (in the order chosen), then every rejected candidate with its reason."""
    by_index = {q.index: q for q in queries if q.base >= s.min_cost}
    base = {q.index: q.base for q in queries}
    open_ = [o for o in options if o.rejected is None]
    chosen: list[Option] = []
    # cost per call with the option, measured with the kept indexes present where ``measure``
    # allows (else alone); ``o.after`` keeps the measurement alone
    after_of: dict[int, dict[int, float]] = {id(o): dict(o.after) for o in options}
    # a kept index replaced by a candidate extending it: how ("covering": read index-only;
    # "longer": more key columns make its queries cheaper)
    upgraded: dict[int, tuple[str, str]] = {}  # id(extension) -> (the index it replaced, how)
    replaced: dict[int, tuple[Option, str]] = {}  # id(replaced option) -> (extension, how)

    def costs_with(kept: Sequence[Option]) -> dict[int, float]:
        cur = dict(base)
        for o in kept:
            for qi, a in after_of[id(o)].items():
                if qi in cur:
                    cur[qi] = min(cur[qi], a)
        return cur

    def set_cost(kept: Sequence[Option], qis: Sequence[int]) -> dict[int, float]:
        """Cost per call of ``qis`` with exactly ``kept`` (planned together where measured)."""
        if measure is None:
            cur = costs_with(kept)
            return {qi: cur[qi] for qi in qis}
        # each statement planned with the kept indexes that reach it (the others cannot change
        # its plan); statements no kept index reaches keep their cost without planning
        groups: dict[tuple[int, ...], list[int]] = {}
        for qi in qis:
            reach = tuple(i for i, o in enumerate(kept) if o.measured and qi in after_of[id(o)])
            if reach:
                groups.setdefault(reach, []).append(qi)
        got: dict[int, tuple[float, frozenset[str]]] = {}
        for reach, members in groups.items():
            got.update(measure([kept[i] for i in reach], members))
        out = {qi: min(base[qi], got[qi][0]) if qi in got else base[qi] for qi in qis}
        for o in kept:
            if not o.measured:  # the advisor's own estimate (GIN): combined by the minimum
                for qi in qis:
                    out[qi] = min(out[qi], after_of[id(o)].get(qi, out[qi]))
        return out

    def write_cost(o: Option, kept: Sequence[Option]) -> float:
        n_ix = table_index_count.get((o.candidate.schema, o.candidate.table), 1) + len(
            [x for x in kept if x.candidate.table == o.candidate.table and x is not o])
        return s.write_weight * (s.index_entry_cost * (o.write_entries + o.hot_loss * n_ix)
                                 + s.hot_update_cost * o.hot_loss)

    def evaluate(o: Option, current: Mapping[int, float], kept: Sequence[Option],
                 after: Mapping[int, float] | None = None
                 ) -> tuple[float, float, float, tuple[int, ...], float, float]:
        """(gain, improvement over ``current``, write cost, helped, before, after)"""
        gain = weight = before = after_sum = calls = 0.0
        helped = []
        for qi, a in (after_of[id(o)] if after is None else after).items():
            q = by_index.get(qi)
            if q is None or current[qi] - a <= 1e-9 or current[qi] < s.min_cost:
                continue  # a query the kept indexes already made cheap no longer counts
            helped.append(qi)
            gain += q.calls * (current[qi] - a)
            weight += q.calls * (current[qi] - a) / current[qi]
            before += q.calls * current[qi]
            after_sum += q.calls * a
            calls += q.calls
        return (gain, weight / calls if calls else 0.0, write_cost(o, kept), tuple(helped),
                before / calls if calls else 0.0, after_sum / calls if calls else 0.0)

    # fill the slots greedily, let a covering candidate replace the index it extends, drop the
    # kept indexes the others now serve as cheaply (a single column picked first for its bytes,
    # then a composite starting with it that serves more), and refill the freed slots
    superseded: dict[int, str] = {}
    while True:
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
            if measure is not None and best[1].measured:
                _recost(best[1], current, chosen, open_, after_of, set_cost)
        if measure is not None:
            for o in list(chosen):
                up = _upgrade(o, chosen, open_, after_of, by_index, measure, s)
                if up is not None:
                    better, how = up
                    chosen[chosen.index(o)] = better
                    open_.remove(better)
                    upgraded[id(better)] = (o.candidate.describe(), how)
                    replaced[id(o)] = (better, how)
        pruned = False
        for o in list(chosen):
            mine_q = [qi for qi in after_of[id(o)] if qi in by_index]
            others = [x for x in chosen if x is not o]
            if not any(qi in after_of[id(x)] for x in others for qi in mine_q):
                continue  # no other kept index reaches its queries: it cannot be superseded
            without = set_cost(others, mine_q)
            mine = set_cost(chosen, mine_q)
            if all(without[qi] <= mine[qi] * 1.05 + 0.01 for qi in mine_q):
                by = min(others, key=lambda x: sum(after_of[id(x)].get(qi, base[qi])
                                                   for qi in mine_q))
                superseded[id(o)] = by.candidate.name
                chosen.remove(o)
                pruned = True
        if not pruned:
            break

    final = costs_with(chosen)
    if measure is not None:  # the queries no kept index reaches keep their cost
        final.update(set_cost(chosen, sorted({qi for o in chosen for qi in after_of[id(o)]
                                              if qi in base})))
    kept: list[Decision] = []
    for rank, o in enumerate(chosen, 1):
        others = [x for x in chosen if x is not o]
        if measure is None:
            gain, improvement, wcost, helped, before, after = evaluate(o, base, others, o.after)
        else:  # what it adds to the other kept indexes
            mine_q = [qi for qi in after_of[id(o)] if qi in base]
            gain, improvement, wcost, helped, before, after = evaluate(
                o, set_cost(others, mine_q), others, {qi: final[qi] for qi in mine_q})
        why = (f"{o.candidate.reason}; makes {len(helped)} quer{'y' if len(helped) == 1 else 'ies'}"
               f" {improvement:.0%} cheaper (threshold min_improvement = {s.min_improvement:.0%}),"
               f" saving {gain:,.0f} cost units for {wcost:,.0f} of write cost")
        if measure is not None and len(chosen) > 1:
            why += " (with the other kept indexes in place)"
        if id(o) in upgraded and upgraded[id(o)][1] == "covering":
            why += (f"; chosen over {upgraded[id(o)][0]} (prefer_covering): the planner reads it "
                    "with an Index Only Scan at no higher cost, no heap visit per row, and its "
                    "extra columns are not updated by the workload")
        elif id(o) in upgraded:
            why += (f"; chosen over {upgraded[id(o)][0]}, which it extends: its longer key makes "
                    f"the queries at least min_improvement = {s.min_improvement:.0%} cheaper, "
                    "in the same slot, and its extra columns are not updated by the workload")
        if o.hot_columns:
            why += f" (stores write-hot {', '.join(o.hot_columns)}; HOT loss counted)"
        if not o.measured:
            why += "; UNVALIDATED: the advisor's own estimate, not a planner measurement"
        kept.append(Decision(o.candidate, True, why, helped, before, after, gain, wcost, o.bytes,
                             o.measured, rank))

    def server(qi: int) -> str | None:
        best_o = min(chosen, key=lambda x: after_of[id(x)].get(qi, base[qi]), default=None)
        return best_o.candidate.name if best_o is not None and qi in after_of[id(best_o)] else None

    rejected: list[Decision] = []
    for o in options:
        if any(o is x for x in chosen):
            continue
        if o.rejected is not None:
            rejected.append(Decision(o.candidate, False, o.rejected, (), 0, 0, 0, 0, o.bytes,
                                     o.measured))
            continue
        gain0, imp0, w0, helped0, b0, a0 = evaluate(o, base, chosen, o.after)
        gain, improvement, wcost, helped, _, _ = evaluate(o, final, chosen)
        if id(o) in superseded:
            why = f"superseded by {superseded[id(o)]}, which serves its queries as cheaply"
        elif id(o) in replaced and replaced[id(o)][1] == "covering":
            why = (f"replaced by {replaced[id(o)][0].candidate.name}, which extends it and answers "
                   "its queries with an Index Only Scan (prefer_covering)")
        elif id(o) in replaced:
            why = (f"replaced by {replaced[id(o)][0].candidate.name}, which extends it with more "
                   "key columns and serves its queries more cheaply")
        elif not helped0 and o.after and all(base[q] < s.min_cost for q in o.after if q in base):
            why = f"its queries are already cheap (under min_cost = {s.min_cost:g} per call)"
        elif not helped0 and not helped:
            why = ("no query gets cheaper with it: the planner keeps its current plan "
                   "(too many rows match, or another path is already as cheap)")
        elif not helped:
            names = sorted({n for q in helped0 if (n := server(q)) is not None})
            why = f"its queries are already served by {', '.join(names) or 'a kept index'}"
            if all(final[q] < s.min_cost for q in helped0):
                why += f" (they now cost under min_cost = {s.min_cost:g} per call)"
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
            why = (f"no slot left: max_indexes = {s.max_indexes} indexes kept first "
                   f"(it would save {gain:,.0f} cost units for {wcost:,.0f} of write cost)")
        rejected.append(Decision(o.candidate, False, why, helped0, b0, a0, gain0, w0, o.bytes,
                                 o.measured))
    return kept + rejected


def _recost(new: Option, current: Mapping[int, float], chosen: Sequence[Option],
            open_: Sequence[Option], after_of: dict[int, dict[int, float]],
            set_cost: Callable[[Sequence[Option], Sequence[int]], dict[int, float]]) -> None:
    """Plan again, with the kept indexes present, the open candidates on other tables sharing a
    query that the newly kept ``new`` made cheaper (their cost alone no longer says what they
    would add: the plan around ``new`` changed). A candidate on the same table as ``new`` is an
    alternative access path to it, which the minimum of the two costs describes well enough."""
    changed = {qi for qi, a in after_of[id(new)].items() if qi in current and a < current[qi] - 1e-9}
    table = (new.candidate.schema, new.candidate.table)
    for o in open_:
        qis = [qi for qi in after_of[id(o)] if qi in changed]
        if o.measured and qis and (o.candidate.schema, o.candidate.table) != table:
            after_of[id(o)].update(set_cost([*chosen, o], qis))


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
             after_of: Mapping[int, Mapping[int, float]], by_index: Mapping[int, QueryCost],
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
    qis = sorted({qi for x in (o, *wider) for qi in after_of[id(x)] if qi in by_index})
    if not wider or not qis:
        return None
    others = [x for x in chosen if x is not o and x.measured
              and any(qi in after_of[id(x)] for qi in qis)]
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
