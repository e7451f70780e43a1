"""The workload phase's seam: workloads read on several nodes, merged into one."""

from __future__ import annotations

from pgwarden.analyzers.advisor.workload import Statement, Workload, merge


def test_merge_sums_the_same_query_across_nodes_and_keeps_each_share() -> None:
    q = "SELECT * FROM orders WHERE customer_id = $1"
    primary = Workload((Statement(q, 10, 50.0, 5.0, 1, rows=10),
                        Statement("UPDATE orders SET status = $1 WHERE id = $2", 4, 8.0, 2.0, 2,
                                  rows=4)),
                       "pg_stat_statements", {(9, "orders", "status", "="): {"'paid'::text": 3}})
    replica = Workload((Statement("SELECT *  FROM orders\nWHERE customer_id = $1", 30, 90.0, 3.0, 1,
                                  rows=30),),
                       "pg_stat_statements", {(9, "orders", "status", "="): {"'paid'::text": 2,
                                                                           "'new'::text": 1}})
    merged = merge([("primary", primary), ("replica1", replica)])
    first, second = merged.statements
    assert (first.query, first.calls, first.total_ms, first.rows) == (q, 40, 140.0, 40)
    assert first.mean_ms == 3.5 and first.nodes == (("primary", 10), ("replica1", 30))
    assert second.calls == 4 and second.nodes == (("primary", 4),)
    assert merged.constants == {(9, "orders", "status", "="): {"'paid'::text": 5, "'new'::text": 1}}
    assert "primary" in merged.source and "replica1" in merged.source
