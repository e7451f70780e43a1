"""``pgwarden plans``: query plans checked against a committed baseline, and diffed between
migration revisions; ``assert_plan`` for a project's own tests.

API: ``check(dsn, queries_dir, baseline, …) -> CheckReport``, ``diff(dsn, from_rev, to_rev,
queries) -> DiffReport``, ``explain(conn, sql) -> PlanSummary``, ``assert_plan(conn, sql, …)``.
"""

from __future__ import annotations

from pathlib import Path

from pgwarden.analyzers.plans.check import (
    CheckReport,
    Regression,
    Thresholds,
    evaluate,
    read_baseline,
    write_baseline,
)
from pgwarden.analyzers.plans.diff import DiffReport, diff
from pgwarden.analyzers.plans.explain import NamedQuery, PlanSummary, explain, load_queries
from pgwarden.analyzers.plans.testing import assert_plan

__all__ = ["CheckReport", "DiffReport", "NamedQuery", "PlanSummary", "Regression", "Thresholds",
           "assert_plan", "check", "diff", "explain", "load_queries"]


def check(dsn: str, queries_dir: str | Path, baseline: str | Path, *,
          thresholds: Thresholds | None = None, update: bool = False, analyze: bool = False,
          timeout_s: float | None = 30.0, show_progress: bool = False) -> CheckReport:
    """Plan every query of ``queries_dir`` on ``dsn`` and compare with ``baseline``
    (``update`` rewrites it from the current plans instead of failing)."""
    import psycopg

    from pgwarden import db
    from pgwarden.analyzers.plans.explain import relation_rows
    from pgwarden.output import progress

    queries = load_queries(queries_dir)
    path = Path(baseline)
    base = read_baseline(path)
    plans: dict[str, PlanSummary | str] = {}
    with db.connect(dsn, autocommit=True) as conn, \
            progress("planning queries", len(queries), enabled=show_progress) as advance:
        rows = relation_rows(conn)
        for q in queries:
            advance(0, description=f"planning {q.name}")
            try:
                plans[q.name] = explain(conn, q.text, analyze=analyze, timeout_s=timeout_s,
                                        table_rows=rows)
            except psycopg.errors.QueryCanceled:
                plans[q.name] = f"EXPLAIN ANALYZE exceeded {timeout_s:g}s"
            except psycopg.Error as exc:
                if conn.broken or conn.closed:
                    raise  # the server went away: exit 4, not one "regression" per query
                plans[q.name] = f"{type(exc).__name__}: {db.one_line(str(exc))}"
            advance()
    report = CheckReport(evaluate(queries, plans, base, thresholds or Thresholds()), str(path), update)
    names = {q.name for q in queries}
    for name in sorted(set(base) - names):
        report.notes.append(f"note: {name} is in the baseline but not in {queries_dir}")
    for name in sorted(names - set(base)):
        if base:
            report.notes.append(f"note: {name} is new (not in the baseline yet; --update adds it)")
    if update:
        write_baseline(path, report.results)
    return report
