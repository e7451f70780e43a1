"""Pure deciding functions: no database."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

import psycopg

from pgwarden.maintenance.refresh import ViewFacts, decide, expand_inputs, order_views
from pgwarden.maintenance.reindex import _leftover_of, estimate_bloat
from pgwarden.maintenance.settings import ReindexSettings

ROW = {"access_method": "btree", "has_expressions": False, "columns_without_stats": 0,
       "last_analyze": "yesterday", "block_size": 8192, "key_width": 4, "fillfactor": 90,
       "index_tuples": 100_000.0, "size_bytes": 2_260_000 * 4, "analyze_age_s": 60.0,
       "table_tuples": 100_000.0, "n_mod_since_analyze": 0}


def test_bloat_estimate_and_confidence() -> None:
    s = ReindexSettings()
    est = estimate_bloat(ROW, s)
    # 100k int keys: 16-byte tuples + 4-byte pointers, ~362 per page -> ~280 pages (~2.3 MB)
    assert est.confidence == "high" and est.expected_bytes is not None
    assert 2_000_000 < est.expected_bytes < 2_600_000
    assert 0.7 < (est.ratio or 0) < 0.8
    assert estimate_bloat({**ROW, "analyze_age_s": 30 * 86400.0}, s).confidence == "low"
    assert estimate_bloat({**ROW, "n_mod_since_analyze": 50_000}, s).confidence == "low"
    assert estimate_bloat({**ROW, "columns_without_stats": 1}, s).confidence == "none"
    assert estimate_bloat({**ROW, "access_method": "gin"}, s).ratio is None
    assert (estimate_bloat({**ROW, "size_bytes": 8192 * 290}, s).ratio or 0) < 0.1  # freshly built


def test_leftover_names() -> None:
    assert _leftover_of("idx_ccnew", "idx") and _leftover_of("idx_ccnew1", "idx")
    assert _leftover_of("idx_ccold", "idx")
    assert not _leftover_of("idx", "idx") and not _leftover_of("other_ccnew", "idx")
    long = "a" * 63
    assert _leftover_of("a" * 57 + "_ccnew", long)


def _v(oid: int, name: str, inputs: tuple[int, ...] = (), **kw: Any) -> ViewFacts:
    base: dict[str, Any] = {"populated": True, "has_unique_index": True, "can_maintain": True,
                            "owner": "o", "base_tables": (), "counter": 5, "recorded_counter": 5}
    base.update(kw)
    return ViewFacts(oid, "s", name, mview_inputs=inputs, **base)


def test_refresh_order_and_propagation() -> None:
    graph = {10: {"relkind": "m", "inputs": [20]}, 20: {"relkind": "v", "inputs": [30, 1]},
             30: {"relkind": "m", "inputs": [2]}}
    assert expand_inputs(graph, 10) == ({30}, {1, 2})
    views = order_views([_v(10, "top", (30,)), _v(30, "base", counter=6)])
    assert [v.name for v in views] == ["base", "top"]
    plan = decide(views, force=False, allow_blocking=False, user="u")
    assert [a.object for a in plan.actions] == ["s.base", "s.top"]
    assert "input materialized view is refreshed first" in plan.actions[1].reason
    plan = decide([_v(1, "same")], force=False, allow_blocking=False, user="u")
    assert plan.actions == () and plan.not_needed[0].object == "s.same"
    plan = decide([_v(1, "noidx", has_unique_index=False, counter=9)], force=False,
                  allow_blocking=False, user="u")
    assert "no usable unique index" in plan.refused[0].detail["refusal"]
    plan = decide([_v(1, "empty", populated=False, has_unique_index=False)], force=False,
                  allow_blocking=False, user="u")
    assert plan.actions[0].action == "refresh (not populated)"


def test_wait_waits_for_the_other_run(conn: psycopg.Connection[Any], db_dsn: str,
                                      cli: Callable[..., tuple[int, str, str]]) -> None:
    from pgwarden.db import lock_key

    holder = psycopg.connect(db_dsn, autocommit=True)
    holder.execute("SELECT pg_advisory_lock(%s)", (lock_key("maintain:vacuum"),))
    timer = threading.Timer(1.0, holder.close)
    timer.start()
    t0 = time.monotonic()
    try:
        code, _, err = cli("--dsn", db_dsn, "maintain", "vacuum", "--wait", "--json")
    finally:
        timer.join()
        holder.close()
    assert code == 0, err
    assert time.monotonic() - t0 >= 0.9
