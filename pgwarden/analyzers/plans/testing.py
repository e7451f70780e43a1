"""``assert_plan``: assert on a query's plan from a project's own pytest tests.

    from pgwarden.analyzers.plans import assert_plan

    def test_my_workshops_uses_an_index(conn):
        assert_plan(conn, "SELECT … FROM enrollments WHERE participant_id = %s", (42,),
                    uses_index_on="enrollments", no_seq_scan_on=["enrollments"])
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import psycopg

from pgwarden.analyzers.plans.explain import PlanSummary, explain


def assert_plan(conn: psycopg.Connection[Any], query: str, params: Any = None, *,
                uses_index_on: str | None = None, uses_index: str | None = None,
                no_seq_scan_on: Iterable[str] = (), max_cost: float | None = None) -> PlanSummary:
    """Plan ``query`` (never run it) and raise AssertionError, with the plan, when it does not
    use an index on ``uses_index_on``, does not use ``uses_index``, scans a table of
    ``no_seq_scan_on`` sequentially, or costs more than ``max_cost``. Returns the summary."""
    plan = explain(conn, query, params, table_rows={})
    problems: list[str] = []
    if uses_index_on and not plan.uses_index_on(uses_index_on):
        problems.append(f"no index is used on {uses_index_on}")
    if uses_index and uses_index not in plan.indexes:
        problems.append(f"index {uses_index} is not used")
    for table in no_seq_scan_on:
        if any(s.relation.rpartition(".")[2] == table or s.relation == table for s in plan.seq_scans()):
            problems.append(f"Seq Scan on {table}")
    if max_cost is not None and plan.cost > max_cost:
        problems.append(f"estimated cost {plan.cost:,.2f} > {max_cost:,.2f}")
    if problems:
        raise AssertionError("; ".join(problems) + "\nplan:\n" + plan.text)
    return plan
