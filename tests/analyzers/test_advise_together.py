"""Indexes chosen together: join chains costed with the kept indexes present, a covering
extension preferred, slots refilled after pruning, and the writes an index costs."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

import psycopg
import pytest

from pgwarden.analyzers.advisor import advise
from pgwarden.analyzers.advisor.candidates import Candidate, KeyPart
from pgwarden.analyzers.advisor.selection import Option, QueryCost, select
from pgwarden.analyzers.advisor.settings import AdviseSettings
from tests.analyzers.conftest import Workload, reset_statements

hypopg = pytest.mark.requires_ext("hypopg")

CHAIN = """
CREATE TABLE groups (id integer PRIMARY KEY, owner integer NOT NULL, name text NOT NULL);
INSERT INTO groups SELECT g, g % 1000, 'group ' || g FROM generate_series(1, 2000) g;
CREATE TABLE items (id integer PRIMARY KEY, group_id integer NOT NULL, title text NOT NULL);
INSERT INTO items SELECT i, 1 + (i * 7919) % 2000, md5(i::text) FROM generate_series(1, 20000) i;
CREATE TABLE events (id bigint PRIMARY KEY, item_id integer NOT NULL, payload text NOT NULL);
INSERT INTO events SELECT e, 1 + (e::bigint * 104729) % 20000, md5(e::text)
FROM generate_series(1, 200000) e;
ANALYZE groups; ANALYZE items; ANALYZE events;
"""


def keyed(advice_kept: Sequence[object]) -> set[tuple[str, tuple[str, ...]]]:
    return {(d.candidate.table, tuple(k.expr for k in d.candidate.keys))  # type: ignore[attr-defined]
            for d in advice_kept}


@hypopg
def test_join_chain_indexes_are_costed_together(db_dsn: str) -> None:
    # events (item_id) alone makes the query 90% cheaper; items (group_id) alone only 7% (the
    # events scan dominates), but with events (item_id) in place it saves 74% more: measured
    # one at a time it would be rejected as "already served"
    with psycopg.connect(db_dsn, autocommit=True) as conn:
        conn.execute(CHAIN)
        reset_statements(conn)
        q = ("SELECT count(*), max(e.payload) FROM groups g JOIN items i ON i.group_id = g.id "
             "JOIN events e ON e.item_id = i.id WHERE g.owner = %s")
        for owner in (7, 8, 9):
            conn.execute(q, (owner,)).fetchall()
    advice = advise(db_dsn)
    kept = keyed(advice.kept)
    assert ("events", ("item_id",)) in kept
    assert ("items", ("group_id",)) in kept
    (items,) = [d for d in advice.kept if d.candidate.table == "items"]
    assert "with the other kept indexes in place" in items.reason
    assert items.cost_before > 2 * items.cost_after  # what it adds to events (item_id)


def test_insert_rows_count_as_index_entries(shop_dsn: str, run_workload: Workload) -> None:
    run_workload([("SELECT id, created_at FROM orders WHERE customer_id = %s "
                   "ORDER BY created_at DESC LIMIT 10", (42,))], 5)
    with psycopg.connect(shop_dsn, autocommit=True) as conn:
        with conn.pipeline():
            for i in range(1, 401):
                conn.execute("INSERT INTO orders (id, customer_id, status, total, created_at) "
                             "VALUES (%s, 5, 'new', 1, now())", (1_000_000 + i,))
    # the advisor's own estimate (no hypopg needed): the write cost does not depend on it
    advice = advise(shop_dsn, settings=AdviseSettings(index_entry_cost=2.0), use_hypopg=False)
    (first, *_) = [d for d in advice.kept if d.candidate.table == "orders"]
    assert first.write_cost == pytest.approx(400 * 2.0)  # one entry per inserted row


# -- the selection alone (pure: planner costs as facts) ------------------------------------------

def cand(table: str, *keys: str, include: tuple[str, ...] = (), kind: str = "single") -> Candidate:
    cols = frozenset(keys) | frozenset(include)
    return Candidate("public", table, kind, tuple(KeyPart(k) for k in keys), include=include,
                     reason=kind, columns=cols)


def option(c: Candidate, after: Mapping[int, float], size: int, *, only: Sequence[int] = (),
           hot: tuple[str, ...] = ()) -> Option:
    return Option(c, size, dict(after), True, 0.0, 100.0 if hot else 0.0, hot,
                  index_only=frozenset(only))


class Planner:
    """Costs per statement for each set of candidates present (the facts a planner would give),
    and which candidate a plan reads index-only."""

    def __init__(self, base: Mapping[int, float], costs: Mapping[frozenset[str], Mapping[int, float]],
                 only: Mapping[str, set[int]]):
        self.base, self.costs, self.only = base, costs, only

    def __call__(self, kept: Sequence[Option], qis: Sequence[int]
                 ) -> dict[int, tuple[float, frozenset[str]]]:
        names = frozenset(o.candidate.describe() for o in kept)
        out = {}
        for qi in qis:
            best = min((c[qi] for s, c in self.costs.items() if s <= names and qi in c),
                       default=self.base[qi])
            readers = frozenset(o.candidate.signature for o in kept
                                if qi in self.only.get(o.candidate.describe(), set()))
            out[qi] = (best, readers)
        return out


def test_covering_extension_replaces_the_index_it_extends_when_read_index_only() -> None:
    narrow = option(cand("r", "q"), {0: 570.0}, 3_000_000)
    wide = option(cand("r", "q", "t", include=("u",), kind="covering"), {0: 567.0}, 7_500_000,
                  only=[0])
    hot_wide = option(cand("r", "q", "s", kind="composite"), {0: 560.0}, 5_000_000, only=[0],
                      hot=("s",))
    planner = Planner({0: 3300.0}, {frozenset({"r (q)"}): {0: 570.0},
                                    frozenset({"r (q, t) INCLUDE (u)"}): {0: 567.0},
                                    frozenset({"r (q, s)"}): {0: 560.0}},
                      {"r (q, t) INCLUDE (u)": {0}, "r (q, s)": {0}})
    queries = [QueryCost(0, 20, 3300.0)]
    decisions = select(queries, [narrow, wide, hot_wide], AdviseSettings(), {("public", "r"): 1},
                       planner)
    kept = [d for d in decisions if d.kept]
    # the planner's cost barely moves (its row estimate is low), so benefit per byte keeps the
    # narrow one; the covering one stores no updated column and is read index-only: it replaces it
    assert [d.candidate.describe() for d in kept] == ["r (q, t) INCLUDE (u)"]
    assert "chosen over r (q) (prefer_covering)" in kept[0].reason
    (gone,) = [d for d in decisions if d.candidate.describe() == "r (q)"]
    assert "replaced by" in gone.reason
    # turned off, the narrow index stays
    off = select(queries, [narrow, wide, hot_wide], AdviseSettings(prefer_covering=False),
                 {("public", "r"): 1}, planner)
    assert [d.candidate.describe() for d in off if d.kept] == ["r (q)"]


def test_slots_freed_by_superseded_indexes_are_refilled() -> None:
    # with room for two: the small single column goes in first, then the composite that extends
    # it; the single is then superseded, and its slot goes to the index the other query needs
    a = option(cand("t", "a"), {0: 200.0}, 100_000)
    ab = option(cand("t", "a", "b", kind="composite"), {0: 20.0}, 200_000)
    c = option(cand("u", "c"), {1: 100.0}, 5_000_000)
    queries = [QueryCost(0, 10, 1000.0), QueryCost(1, 10, 1000.0)]
    decisions = select(queries, [a, ab, c], AdviseSettings(max_indexes=2),
                       {("public", "t"): 1, ("public", "u"): 1})
    assert {d.candidate.describe() for d in decisions if d.kept} == {"t (a, b)", "u (c)"}
    (single,) = [d for d in decisions if d.candidate.describe() == "t (a)"]
    assert single.reason.startswith("superseded by")


def test_improvement_is_judged_per_query_not_diluted_by_a_costly_rare_one() -> None:
    # 90% cheaper for a query called 100 times; 0.5% for a costly report run once: the report's
    # cost must not hide the saving (weighted by cost the improvement would be 8%)
    o = option(cand("t", "a"), {0: 100.0, 1: 995_000.0}, 100_000)
    queries = [QueryCost(0, 100, 1000.0), QueryCost(1, 1, 1_000_000.0)]
    (d,) = select(queries, [o], AdviseSettings(), {("public", "t"): 1})
    assert d.kept and "judged per query, 89% cheaper on average" in d.reason


def test_a_query_made_cheap_by_a_kept_index_says_so() -> None:
    # with the composite kept the query costs 40 per call, under min_cost: a still cheaper index
    # is not worth another index, and the reason names both the kept index and the threshold
    kept = option(cand("e", "w", "c", kind="composite"), {0: 40.0}, 6_000_000)
    wider = option(cand("e", "w", "s", "c", kind="composite"), {0: 12.0}, 9_000_000)
    queries = [QueryCost(0, 20, 760.0)]
    decisions = select(queries, [kept, wider], AdviseSettings(), {("public", "e"): 1})
    (rejected,) = [d for d in decisions if not d.kept]
    assert rejected.candidate.describe() == "e (w, s, c)"
    assert rejected.reason.startswith(f"its queries are already served by {kept.candidate.name}")
    assert "under min_cost = 100 per call" in rejected.reason


def test_covering_extension_replaces_a_key_generated_for_order_by() -> None:
    # the kept index's key was generated for ORDER BY (KeyPart.sort), the covering one's for the
    # range: the same index column, so the covering one still extends it (a bug compared the flag)
    narrow = option(Candidate("public", "s", "single", (KeyPart("expires_at", sort=True),),
                              reason="range", columns=frozenset({"expires_at"})), {0: 22.0}, 400_000)
    wide = option(cand("s", "expires_at", include=("id", "user_id"), kind="covering"), {0: 1.3},
                  1_500_000, only=[0])
    planner = Planner({0: 740.0}, {frozenset({"s (expires_at)"}): {0: 22.0},
                                   frozenset({"s (expires_at) INCLUDE (id, user_id)"}): {0: 1.3}},
                      {"s (expires_at) INCLUDE (id, user_id)": {0}})
    decisions = select([QueryCost(0, 20, 740.0)], [narrow, wide], AdviseSettings(),
                       {("public", "s"): 1}, planner)
    assert [d.candidate.describe() for d in decisions if d.kept] == [
        "s (expires_at) INCLUDE (id, user_id)"]


def test_longer_key_takes_the_slot_of_the_prefix_it_extends_when_slots_are_full() -> None:
    # benefit per byte keeps the short key first; with every slot taken the longer key, 90%
    # cheaper on the same query, replaces it in its slot
    a = option(cand("t", "a"), {0: 200.0}, 100_000)
    ab = option(cand("t", "a", "b", kind="composite"), {0: 20.0}, 400_000)
    ab_hot = option(cand("t", "a", "h", kind="composite"), {0: 10.0}, 400_000, hot=("h",))
    planner = Planner({0: 1000.0}, {frozenset({"t (a)"}): {0: 200.0},
                                    frozenset({"t (a, b)"}): {0: 20.0},
                                    frozenset({"t (a, h)"}): {0: 10.0}}, {})
    queries = [QueryCost(0, 10, 1000.0)]
    decisions = select(queries, [a, ab, ab_hot], AdviseSettings(max_indexes=1),
                       {("public", "t"): 1}, planner)
    kept = [d for d in decisions if d.kept]
    # the write-hot (a, h) is cheaper still, but it would cost more on writes: not a drop-in
    assert [d.candidate.describe() for d in kept] == ["t (a, b)"]
    assert "chosen over t (a), which it extends" in kept[0].reason
    (gone,) = [d for d in decisions if d.candidate.describe() == "t (a)"]
    assert gone.reason.startswith(f"replaced by {ab.candidate.name}, which extends it with more key")
    # a longer key that saves less than min_improvement does not take the slot
    ab_small = option(cand("t", "a", "b", kind="composite"), {0: 190.0}, 400_000)
    small = Planner({0: 1000.0}, {frozenset({"t (a)"}): {0: 200.0},
                                  frozenset({"t (a, b)"}): {0: 190.0}}, {})
    again = select(queries, [a, ab_small], AdviseSettings(max_indexes=1), {("public", "t"): 1}, small)
    assert [d.candidate.describe() for d in again if d.kept] == ["t (a)"]


def test_a_lost_hot_update_costs_its_index_entries_and_its_own_non_hot_path() -> None:
    # 100 updates of a column the index stores: each writes an entry in both indexes of the
    # table (2 x index_entry_cost) and takes the non-HOT path itself (hot_update_cost)
    o = option(cand("t", "a", "h", kind="composite"), {0: 20.0}, 100_000, hot=("h",))
    (d,) = select([QueryCost(0, 10, 1000.0)], [o], AdviseSettings(), {("public", "t"): 2})
    assert d.kept and d.write_cost == pytest.approx(100 * (2 * 1.0 + 3.0))
    (d,) = select([QueryCost(0, 10, 1000.0)], [o], AdviseSettings(hot_update_cost=0.5),
                  {("public", "t"): 2})
    assert d.write_cost == pytest.approx(100 * (2 * 1.0 + 0.5))


def test_an_update_a_kept_index_already_made_lose_hot_costs_only_entries() -> None:
    # both indexes store h, updated 100 times by UPDATE statement 7: once one is kept, those
    # updates are not HOT anyway, and the second adds only its own 100 entries
    first = replace(option(cand("t", "h", kind="single"), {0: 100.0}, 100_000, hot=("h",)),
                    hot_writes={7: 100.0})
    second = replace(option(cand("t", "b", "h", kind="composite"), {1: 100.0}, 100_000,
                            hot=("h",)), hot_writes={7: 100.0})
    queries = [QueryCost(0, 10, 1000.0), QueryCost(1, 10, 1000.0)]
    kept = [d for d in select(queries, [first, second], AdviseSettings(), {("public", "t"): 1})
            if d.kept]
    assert len(kept) == 2
    costs = sorted(d.write_cost for d in kept)
    assert costs[0] == pytest.approx(100 * 1.0)  # the marginal one: its entries only
    assert costs[1] == pytest.approx(100 * (1.0 + 3.0))  # the first: the lost HOT price


def test_a_kept_index_that_adds_less_than_the_threshold_to_the_others_is_dropped() -> None:
    # t (a) goes in first (cheap per byte); t (a, b), kept next for both queries, then serves
    # q0 at 250 where both together give 225: t (a) would add 10% to it, under min_improvement,
    # so keeping it would read "10% cheaper (threshold 20%)": it is dropped, and says why
    a = option(cand("t", "a"), {0: 300.0}, 100_000)
    ab = option(cand("t", "a", "b", kind="composite"), {0: 250.0, 1: 100.0}, 2_000_000)
    planner = Planner({0: 1000.0, 1: 1000.0},
                      {frozenset({"t (a)"}): {0: 300.0}, frozenset({"t (a, b)"}): {0: 250.0, 1: 100.0},
                       frozenset({"t (a)", "t (a, b)"}): {0: 225.0, 1: 100.0}}, {})
    queries = [QueryCost(0, 10, 1000.0), QueryCost(1, 10, 1000.0)]
    decisions = select(queries, [a, ab], AdviseSettings(), {("public", "t"): 1}, planner)
    assert [d.candidate.describe() for d in decisions if d.kept] == ["t (a, b)"]
    (gone,) = [d for d in decisions if d.candidate.describe() == "t (a)"]
    assert gone.reason.startswith("adds only 10% to the other kept indexes"), gone.reason
