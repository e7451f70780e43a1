"""``[lint]`` and ``[plans]`` sections of pgwarden.toml (``[advise]`` is
``pgwarden.analyzers.advisor.settings``)."""

from __future__ import annotations

from dataclasses import dataclass, field

from pgwarden.config import Duration


@dataclass(frozen=True)
class LintSettings:
    """[lint]: which rules run, whether plain SQL files must set their own timeouts, and which
    tiers besides lock hazards fail the check (``fail_on = ["breaking"]``; names as
    ``--fail-on``: lock, breaking, advice)."""

    disable: list[str] = field(default_factory=list)
    require_timeouts: bool = False
    fail_on: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class PlansSettings:
    """[plans]: when a plan counts as a regression."""

    queries: str = "pgwarden/demo/queries"
    baseline: str = "plans.json"
    seq_scan_rows: int = 10_000
    cost_growth: float = 0.5
    analyze_timeout: Duration = Duration("30s")


@dataclass(frozen=True)
class IndexesSettings:
    """[indexes]: when ``pgwarden indexes`` may call an index unused."""

    # statistics younger than this on any node make "unused" an "unknown" (a week of counters
    # covers weekly jobs; postgres-checkup's rule)
    min_stats_age: Duration = Duration("7d")
