"""The write budget (``[advise] max_write_overhead``): the kept set's estimated write time as a
share of the workload's writes, and what is dropped to fit it."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import psycopg
import pytest

from pgwarden.analyzers.advisor import Advice, advise
from pgwarden.analyzers.advisor.candidates import Candidate, KeyPart
from pgwarden.analyzers.advisor.selection import Option, QueryCost, WriteBudget, select
from pgwarden.analyzers.advisor.settings import AdviseSettings
from pgwarden.config import load_config
from pgwarden.errors import ConfigError
from tests.analyzers.conftest import Workload

hypopg = pytest.mark.requires_ext("hypopg")

BY_CUSTOMER = "SELECT id, total FROM orders WHERE customer_id = %s"
BY_EMAIL = "SELECT id FROM customers WHERE lower(email) = %s"
INSERTS = 3000


def write_heavy(shop_dsn: str, run_workload: Workload) -> None:
    """Reads that an index on orders (customer_id) and one on customers (lower(email)) serve,
    and 3,000 single-row INSERTs into orders: each adds an entry to any index of orders."""
    run_workload([(BY_CUSTOMER, (42,)), (BY_CUSTOMER, (777,)), (BY_CUSTOMER, (4242,)),
                  (BY_EMAIL, ("user7@example.com",))], 10)
    with psycopg.connect(shop_dsn, autocommit=True) as conn:
        with conn.pipeline():
            for i in range(INSERTS):
                conn.execute("INSERT INTO orders (id, customer_id, status, total, created_at) "
                             "VALUES (%s, %s, 'new', 9.99, now())", (100_000 + i, 1 + i % 20000))


def on(advice: Advice, table: str) -> list[str]:
    return [d.candidate.describe() for d in advice.kept if d.candidate.table == table]


@pytest.mark.parametrize("use_hypopg", [pytest.param(True, marks=hypopg), False],
                         ids=["hypopg", "own-estimates"])
def test_the_budget_drops_the_index_the_writes_pay_for(shop_dsn: str, run_workload: Workload,
                                                       use_hypopg: bool) -> None:
    write_heavy(shop_dsn, run_workload)
    # a share of the writes' execution time alone (no per-call overhead): 3,000 entries at
    # 6 us are far more than 1% of 3,000 single-row inserts
    strict = AdviseSettings(max_write_overhead=0.01, call_overhead_ms=0.0, calibrate_writes=False)
    # with the default max_read_loss and max_query_slowdown the budget may not drop it:
    # without it, its query falls back to a sequential scan (far more than 25% of the
    # workload's read cost, far more than 2x slower); it stays, and says why
    held = advise(shop_dsn, settings=strict, use_hypopg=use_hypopg)
    (kept,) = [d for d in held.kept if d.candidate.table == "orders"]
    assert kept.kept_over_budget.startswith("kept although over the write budget: dropping it "
                                            "would make 1 query "), kept.kept_over_budget
    assert "x slower" in kept.kept_over_budget and kept.kept_over_budget in kept.reason
    assert "kept over the write budget: without it 1 query " in kept.why
    assert not any(d.over_budget for d in held.decisions)
    assert held.write_overhead is not None and held.write_overhead > 0.01
    # a read loss allowed up to 1,000x and no per-query bound: the budget drops it
    strict = replace(strict, max_read_loss=1000.0, max_query_slowdown=0)
    advice = advise(shop_dsn, settings=strict, use_hypopg=use_hypopg)
    assert on(advice, "customers"), advice.decisions  # customers is not written: free
    assert not on(advice, "orders")
    dropped = [d for d in advice.decisions if d.over_budget]
    assert [d.candidate.table for d in dropped] == ["orders"]
    assert dropped[0].reason.startswith("dropped for the write budget"), dropped[0].reason
    assert dropped[0].write_ms == pytest.approx(INSERTS * 0.006, rel=0.05)
    assert advice.write_overhead is not None and advice.write_overhead <= 0.01
    # the other orders candidates could take its place only within the budget
    others = [d for d in advice.decisions if d.candidate.table == "orders" and not d.kept
              and not d.over_budget and d.benefit > 0]
    assert all("write budget" in d.reason or "served" in d.reason or "superseded" in d.reason
               or "replaced" in d.reason for d in others), [d.reason for d in others]

    # 0 turns the budget off: the same index is kept, and its writes exceed 1%
    off = advise(shop_dsn, settings=replace(strict, max_write_overhead=0.0), use_hypopg=use_hypopg)
    assert on(off, "orders") and not any(d.over_budget for d in off.decisions)
    assert off.write_overhead is not None and off.write_overhead > 0.01
    assert off.max_write_overhead == 0.0

    # a 10% budget with 0.25 ms per call leaves it in
    ten = advise(shop_dsn, settings=AdviseSettings(max_write_overhead=0.10), use_hypopg=use_hypopg)
    assert on(ten, "orders") and ten.write_overhead is not None
    assert 0 < ten.write_overhead <= 0.10
    # the default is a 10% budget: the index is kept and its write cost reported
    default = advise(shop_dsn, use_hypopg=use_hypopg)
    assert default.max_write_overhead == 0.10 and on(default, "orders")
    assert default.write_overhead is not None and default.write_overhead > 0


@hypopg
def test_the_cli_budget_flag_and_what_it_prints(shop_dsn: str, run_workload: Workload,
                                                cli: Any, tmp_path: Path) -> None:
    write_heavy(shop_dsn, run_workload)
    fixed = tmp_path / "fixed.toml"  # the fixed figure per entry (6 us), not the probe's
    fixed.write_text("[advise]\ncalibrate_writes = false\n")
    code, out, err = cli("--config", str(fixed), "--dsn", shop_dsn, "advise",
                         "--max-write-overhead", "0.005", "--json")
    assert code == 0, err
    doc = json.loads(out)
    # the default max_read_loss keeps it: its query would seq-scan
    assert doc["writes"]["dropped"] == [] and len(doc["writes"]["kept_over_budget"]) == 1
    (held,) = [s for s in doc["suggested"] if s["kept_over_budget"]]
    assert held["table"] == "public.orders"
    code, out, err = cli("--config", str(fixed), "--dsn", shop_dsn, "advise",
                         "--max-write-overhead", "0.005")
    assert code == 0, err
    assert f"{held['index']}: kept although over the write budget" in out
    config = tmp_path / "pgwarden.toml"
    config.write_text("[advise]\ncalibrate_writes = false\nmax_read_loss = 1000.0\n"
                      "max_query_slowdown = 0\n")
    code, out, err = cli("--config", str(config), "--dsn", shop_dsn, "advise",
                         "--max-write-overhead", "0.005", "--json")
    assert code == 0, err
    doc = json.loads(out)
    assert doc["writes"]["max_write_overhead"] == 0.005
    assert len(doc["writes"]["dropped"]) == 1
    assert doc["writes"]["estimated_overhead"] <= 0.005
    assert all(s["table"] != "public.orders" for s in doc["suggested"])
    (gone,) = [r for r in doc["rejected"] if r["over_budget"]]
    assert gone["table"] == "public.orders" and gone["write_ms"] > 0
    code, out, err = cli("--config", str(config), "--dsn", shop_dsn, "advise",
                         "--max-write-overhead", "0.005")
    assert code == 0, err
    assert f"dropped for the write budget: {gone['index']}" in out
    assert "writes: +" in out and "budget 0%" not in out
    code, out, err = cli("--dsn", shop_dsn, "advise", "--max-write-overhead", "-1")
    assert code == 2


def cand(table: str, key: str) -> Candidate:
    return Candidate("public", table, "single", (KeyPart(key),), reason="single",
                     columns=frozenset({key}))


def option(c: Candidate, after: dict[int, float], entries: float) -> Option:
    return Option(c, 100_000, after, False, entries, 0.0)


def test_the_least_saving_per_write_time_goes_and_a_cheaper_writer_takes_its_place() -> None:
    # t (a) saves 90,000 for 1,000 entries, t (b) 9,000 for 1,000 entries, u (c) 5,000 for none
    # (u is not written). Unbounded, t (a) and t (b) are kept (u (c) adds nothing after t (b));
    # at 6 us per entry they add 12 ms to writes of 100 ms, over a 10% budget: t (b) loses the
    # reads the least per write time and goes, and u (c), which fits, serves its query instead
    # (max_read_loss raised, max_query_slowdown off: without t (b) its query is 10x slower
    # until u (c) takes over)
    a = option(cand("t", "a"), {0: 100.0}, 1000)
    b = option(cand("t", "b"), {1: 100.0}, 1000)
    c = option(cand("u", "c"), {1: 500.0}, 0)
    queries = [QueryCost(0, 100, 1000.0), QueryCost(1, 10, 1000.0)]
    counts = {("public", "t"): 1, ("public", "u"): 1}
    budget = WriteBudget(100.0, 0.10, 0.006)
    free = select(queries, [a, b, c], AdviseSettings(), counts, None,
                  replace(budget, max_fraction=0.0))
    assert [d.candidate.describe() for d in free if d.kept] == ["t (a)", "t (b)"]
    assert sum(d.write_ms for d in free if d.kept) == pytest.approx(12.0)
    fitted = select(queries, [a, b, c], AdviseSettings(max_read_loss=1.0, max_query_slowdown=0),
                    counts, None, budget)
    assert [d.candidate.describe() for d in fitted if d.kept] == ["t (a)", "u (c)"]
    assert sum(d.write_ms for d in fitted if d.kept) == pytest.approx(6.0)
    (gone,) = [d for d in fitted if d.over_budget]
    assert gone.candidate.describe() == "t (b)" and gone.write_ms == pytest.approx(6.0)
    assert "max_write_overhead = 10%" in gone.reason
    # writes ignored altogether (write_weight = 0): no budget either
    ignored = select(queries, [a, b, c], AdviseSettings(write_weight=0.0), counts, None, budget)
    assert [d.candidate.describe() for d in ignored if d.kept] == ["t (a)", "t (b)"]


@pytest.mark.parametrize("key", ["max_write_overhead", "index_entry_ms", "call_overhead_ms"])
def test_a_negative_budget_setting_is_refused_at_load_time(tmp_path: Path, key: str) -> None:
    f = tmp_path / "pgwarden.toml"
    f.write_text(f"[advise]\n{key} = -0.1\n")
    with pytest.raises(ConfigError, match=f"{key} must be >= 0"):
        load_config(f)


def test_the_budget_drops_the_redundant_index_not_the_one_a_query_needs() -> None:
    # s (a) serves q0 alone (without it, a sequential scan: 10,000 a call, 1,000x slower) and
    # writes a lot (20,000 entries); r (b) serves q1 at 100, where x (c), kept for q2, serves it
    # at 130: r (b) is nearly redundant and writes little (1,000 entries). Per write time, s (a)
    # loses the reads the least (99,900 cost units for 120 ms, against 30,000 for 6 ms); but
    # without it the workload's reads cost 67% more, over max_read_loss (25%): r (b) goes
    # (+20%), and s (a) stays over the budget, saying why
    s_ = option(cand("s", "a"), {0: 10.0}, 20_000)
    r = option(cand("r", "b"), {1: 100.0}, 1000)
    x = option(cand("x", "c"), {1: 130.0, 2: 50.0}, 1000)
    queries = [QueryCost(0, 10, 10_000.0), QueryCost(1, 1000, 1000.0), QueryCost(2, 1000, 1000.0)]
    counts = {("public", t): 1 for t in ("s", "r", "x")}
    budget = WriteBudget(1000.0, 0.10, 0.006)  # 100 ms; the three add 132 ms
    free = select(queries, [s_, r, x], AdviseSettings(), counts, None,
                  replace(budget, max_fraction=0.0))
    assert sorted(d.candidate.describe() for d in free if d.kept) == ["r (b)", "s (a)", "x (c)"]
    got = select(queries, [s_, r, x], AdviseSettings(), counts, None, budget)
    assert sorted(d.candidate.describe() for d in got if d.kept) == ["s (a)", "x (c)"]
    (gone,) = [d for d in got if d.over_budget]
    assert gone.candidate.describe() == "r (b)"
    assert "the least read loss per write time" in gone.reason and "30,000" in gone.reason
    (held,) = [d for d in got if d.kept and d.candidate.describe() == "s (a)"]
    assert held.kept_over_budget == ("kept although over the write budget: dropping it would "
                                     "make 1 query 1,000.0x slower (max_read_loss = 25%, "
                                     "max_query_slowdown = 2x; it adds 120.0 ms of writes)")
    assert held.kept_over_budget in held.reason
    # x (c) would strand q2 on its sequential scan too: kept, over the budget
    (kept_x,) = [d for d in got if d.kept and d.candidate.describe() == "x (c)"]
    assert kept_x.kept_over_budget.startswith("kept although over the write budget")
    # without the bounds, the least read loss per write time goes: q0 back to its seq scan
    unbound = select(queries, [s_, r, x], AdviseSettings(max_read_loss=1000.0,
                                                         max_query_slowdown=0), counts, None,
                     budget)
    assert sorted(d.candidate.describe() for d in unbound if d.kept) == ["r (b)", "x (c)"]


def test_the_budget_does_not_make_a_query_more_than_twice_slower() -> None:
    # p (a) serves a rarely called query (q0: 10 calls at 1,000; without it, the other kept
    # index q (b) serves it at 3,000: 3x slower) and writes much (17,000 entries: 102 ms); q
    # (b) serves the busy q1. Dropping p (a) would lose 20,000 of 110,000 (18%: within
    # max_read_loss) but make q0 3x slower: over max_query_slowdown (2x), so it stays
    p = option(cand("t", "a"), {0: 1000.0}, 17_000)
    q = option(cand("u", "b"), {0: 3000.0, 1: 100.0}, 0)
    queries = [QueryCost(0, 10, 9000.0), QueryCost(1, 1000, 1000.0)]
    counts = {("public", "t"): 1, ("public", "u"): 1}
    budget = WriteBudget(1000.0, 0.10, 0.006)  # 100 ms
    got = select(queries, [p, q], AdviseSettings(), counts, None, budget)
    assert sorted(d.candidate.describe() for d in got if d.kept) == ["t (a)", "u (b)"]
    (held,) = [d for d in got if d.kept and d.candidate.describe() == "t (a)"]
    assert held.kept_over_budget.startswith("kept although over the write budget: dropping it "
                                            "would make 1 query 3.0x slower"), held
    # the per-query bound off: the workload bound alone lets it go
    off = select(queries, [p, q], AdviseSettings(max_query_slowdown=0), counts, None, budget)
    assert [d.candidate.describe() for d in off if d.kept] == ["u (b)"]
    assert [d.candidate.describe() for d in off if d.over_budget] == ["t (a)"]
