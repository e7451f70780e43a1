"""``plans check``: plan the query set, compare with the committed baseline, list regressions.

``compare`` is pure (baseline and current summaries in, regressions out). A sequential scan
already in the committed baseline was accepted when the baseline was written; a new one on a
table over the row threshold is a regression, as is cost growth over the threshold, an index
the baseline used and the plan no longer does, and (with --analyze) a sort or hash on disk.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pgwarden.analyzers.plans.explain import NamedQuery, PlanSummary, Scan
from pgwarden.errors import UsageError

BASELINE_VERSION = 1


@dataclass(frozen=True)
class Thresholds:
    seq_scan_rows: int = 10_000
    cost_growth: float = 0.5  # 0.5 = fail when the estimated cost grows by more than 50 %


@dataclass(frozen=True)
class Regression:
    query: str
    kind: str  # seq-scan | cost-growth | index-unused | spill | error
    detail: str


@dataclass(frozen=True)
class QueryResult:
    name: str
    current: PlanSummary | None
    baseline: dict[str, Any] | None
    regressions: list[Regression] = field(default_factory=list)
    error: str | None = None


@dataclass
class CheckReport:
    results: list[QueryResult] = field(default_factory=list)
    baseline_path: str = ""
    updated: bool = False
    notes: list[str] = field(default_factory=list)

    @property
    def regressions(self) -> list[Regression]:
        return [r for q in self.results for r in q.regressions]

    @property
    def exit_code(self) -> int:
        return 1 if self.regressions and not self.updated else 0


def to_baseline(summary: PlanSummary) -> dict[str, Any]:
    return {"cost": round(summary.cost, 2), "rows": summary.rows, "indexes": summary.indexes,
            "seq_scans": sorted({s.relation for s in summary.seq_scans()}),
            "nodes": summary.nodes}


def compare(name: str, current: PlanSummary, baseline: dict[str, Any] | None,
            th: Thresholds) -> list[Regression]:
    """Regressions of ``current`` against its ``baseline`` entry (None: first time seen)."""
    out: list[Regression] = []
    accepted = set(baseline.get("seq_scans", ())) if baseline else set()
    for scan in current.seq_scans(th.seq_scan_rows):
        if scan.relation not in accepted:
            out.append(Regression(name, "seq-scan", f"Seq Scan on {scan.relation} "
                                                    f"(~{scan.table_rows:,} rows)"))
    if baseline:
        before = float(baseline.get("cost", 0))
        if before > 0 and current.cost > before * (1 + th.cost_growth):
            out.append(Regression(name, "cost-growth",
                                  f"estimated cost {before:,.0f} → {current.cost:,.0f} "
                                  f"(+{(current.cost / before - 1) * 100:.0f} %)"))
        for index in baseline.get("indexes", ()):
            if index not in current.indexes:
                out.append(Regression(name, "index-unused", f"no longer uses index {index}"))
    for spill in current.spills:
        out.append(Regression(name, "spill", spill))
    return out


def read_baseline(path: Path) -> dict[str, Any]:
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise UsageError(f"{path}: not a plans baseline: {exc}") from None
    if not isinstance(data, dict) or data.get("version") != BASELINE_VERSION:
        raise UsageError(f"{path}: not a plans baseline (version {BASELINE_VERSION} expected)")
    queries: dict[str, Any] = data.get("queries", {})
    return queries


def write_baseline(path: Path, results: list[QueryResult]) -> None:
    queries = {r.name: to_baseline(r.current) for r in results if r.current is not None}
    path.write_text(json.dumps({"version": BASELINE_VERSION, "queries": queries}, indent=2,
                               ensure_ascii=False) + "\n", encoding="utf-8")


def evaluate(queries: list[NamedQuery], plans: dict[str, PlanSummary | str],
             baseline: dict[str, Any], th: Thresholds) -> list[QueryResult]:
    """Pure: one QueryResult per query from its plan (or error text) and baseline entry."""
    out: list[QueryResult] = []
    for q in queries:
        got = plans[q.name]
        base = baseline.get(q.name)
        if isinstance(got, str):
            out.append(QueryResult(q.name, None, base, [Regression(q.name, "error", got)], got))
        else:
            out.append(QueryResult(q.name, got, base, compare(q.name, got, base, th)))
    return out


def describe_scans(scans: list[Scan]) -> str:
    return ", ".join(f"{s.node} {s.relation}" + (f" ({s.index})" if s.index else "") for s in scans)
