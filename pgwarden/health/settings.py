"""``[health]`` and ``[metrics]`` sections of pgwarden.toml (registered in config.SECTIONS)."""

from __future__ import annotations

from dataclasses import dataclass, field

from pgwarden.config import Duration


@dataclass(frozen=True)
class HealthSettings:
    """Thresholds for ``pgwarden health``; every one has a default that suits an OLTP database.

    Ratios are fractions (0.8 = 80 %). Durations accept '30s', '5min', '26h', '2d'.
    """

    connections_warning: float = 0.80
    connections_critical: float = 0.95
    long_query_warning: Duration = Duration("5min")
    long_query_critical: Duration = Duration("30min")
    idle_in_transaction_warning: Duration = Duration("1min")
    idle_in_transaction_critical: Duration = Duration("10min")
    blocked_warning: Duration = Duration("30s")
    blocked_critical: Duration = Duration("5min")
    # share of the 2^31 transaction-ID (or multixact) space consumed before wraparound
    wraparound_warning: float = 0.50
    wraparound_critical: float = 0.75
    sequence_warning: float = 0.75
    sequence_critical: float = 0.90
    replication_lag_warning: Duration = Duration("1min")
    replication_lag_critical: Duration = Duration("10min")
    slot_retained_warning_mb: int = 1024
    slot_retained_critical_mb: int = 10240
    cache_hit_warning: float = 0.95
    cache_hit_critical: float = 0.90
    cache_hit_min_blocks: int = 10000
    mview_max_age: Duration = Duration("1d")
    # "schema.view" -> allowed staleness, e.g. {"public.stats_daily" = "2h"}
    mview_max_age_overrides: dict[str, Duration] = field(default_factory=dict)
    # critical when older than max age times this factor
    mview_critical_factor: float = 3.0
    task_max_age: Duration = Duration("26h")
    task_max_age_overrides: dict[str, Duration] = field(default_factory=dict)
    # tasks that must have succeeded at least once (critical when never)
    expected_tasks: list[str] = field(default_factory=list)
    statement_timeout: Duration = Duration("10s")

    def __post_init__(self) -> None:
        pairs = [("connections", self.connections_warning, self.connections_critical),
                 ("wraparound", self.wraparound_warning, self.wraparound_critical),
                 ("sequence", self.sequence_warning, self.sequence_critical)]
        for name, warn, crit in pairs:
            if not 0 < warn <= crit <= 1:
                raise ValueError(f"{name}_warning must be > 0 and <= {name}_critical <= 1")
        if not 0 < self.cache_hit_critical <= self.cache_hit_warning <= 1:
            raise ValueError("cache_hit_critical must be > 0 and <= cache_hit_warning <= 1")
        if self.mview_critical_factor < 1:
            raise ValueError("mview_critical_factor must be >= 1")

    def mview_limit(self, schema: str, name: str) -> float:
        """Allowed staleness in seconds of ``schema.name`` (override, else the default)."""
        override = self.mview_max_age_overrides.get(f"{schema}.{name}")
        return (override or self.mview_max_age).seconds

    def task_limit(self, task: str) -> float:
        override = self.task_max_age_overrides.get(task)
        return (override or self.task_max_age).seconds


@dataclass(frozen=True)
class MetricsSettings:
    """``pgwarden metrics``: how much to export and where to listen."""

    listen: str = "127.0.0.1:9188"
    top_statements: int = 5
    statements_min_calls: int = 5
    queryid_labels: bool = False
    bloat_top_tables: int = 10
    statement_timeout: Duration = Duration("10s")

    def __post_init__(self) -> None:
        if not 0 <= self.top_statements <= 50:
            raise ValueError("top_statements must be between 0 and 50 (keep cardinality low)")
        if not 0 <= self.bloat_top_tables <= 100:
            raise ValueError("bloat_top_tables must be between 0 and 100")
