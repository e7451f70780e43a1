"""``[maintenance]`` in pgwarden.toml: thresholds and policies for ``pgwarden maintain``.

Trust model for ``[[maintenance.cleanup.policies]].condition``: pgwarden.toml is a trusted file
(like a crontab or alembic's env.py), written by the DBA. The condition is SQL and is run as the
connecting role, so it can do only what that role may do. pgwarden still refuses anything that is
not a single boolean expression (it is parsed with PostgreSQL's own parser, pglast, and must be the
whole WHERE clause of ``SELECT 1 WHERE <condition>`` with nothing else), so a stray ``;`` or a
second statement cannot ride along. Table and column names are identifiers, always quoted with
``psycopg.sql.Identifier``; the cutoff is a bound parameter.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pgwarden.config import Duration


@dataclass(frozen=True)
class RefreshSettings:
    """[maintenance.refresh]"""

    views: list[str] = field(default_factory=list)  # empty: every materialized view
    allow_blocking: bool = False


@dataclass(frozen=True)
class VacuumSettings:
    """[maintenance.vacuum]: a table qualifies when any threshold is crossed."""

    dead_tuple_ratio: float = 0.10         # n_dead_tup / (n_live_tup + n_dead_tup)
    min_dead_tuples: int = 1000
    mod_since_analyze_ratio: float = 0.10  # n_mod_since_analyze / reltuples
    min_mod_since_analyze: int = 1000
    xid_age: int = 150_000_000             # age(relfrozenxid): wraparound danger first
    multixact_age: int = 150_000_000
    jobs: int = 1


@dataclass(frozen=True)
class ReindexSettings:
    """[maintenance.reindex]"""

    bloat_ratio: float = 0.40              # estimated wasted fraction of the index
    min_index_size: str = "1MB"            # smaller indexes are never worth a rebuild for bloat
    stats_max_age: Duration = Duration("7d")  # older (or missing) ANALYZE: estimate not trusted
    stale_mod_ratio: float = 0.20          # n_mod_since_analyze / reltuples above: not trusted
    free_space_margin: float = 1.5         # need margin * estimated new size free
    unknown_free_space: str = "refuse"     # "refuse" | "allow" when free space cannot be read


@dataclass(frozen=True)
class CleanupPolicy:
    """One [[maintenance.cleanup.policies]] entry."""

    table: str                             # "schema.table" or "table" (search_path)
    time_column: str
    older_than: Duration
    condition: str | None = None           # extra SQL boolean expression (trusted, see module doc)
    key: str | None = None                 # keyset column; default: the single-column primary key, else ctid
    name: str | None = None


@dataclass(frozen=True)
class CleanupSettings:
    """[maintenance.cleanup]"""

    batch_size: int = 5000
    pause: Duration = Duration("50ms")
    max_replica_lag: Duration | None = None  # pause while a standby replays further behind
    max_replica_lag_bytes: int | None = None  # ... or is this many bytes of WAL behind (or an
    # inactive slot holds that much back)
    lag_unknown: str = "pause"  # lag unreadable (no pg_monitor): "pause" (then stop) or "ignore"
    max_lag_wait: Duration = Duration("10min")  # a pause longer than this stops the task (exit 3)
    policies: list[CleanupPolicy] = field(default_factory=list)

    def __post_init__(self) -> None:
        from pgwarden.errors import ConfigError
        from pgwarden.maintenance.lag import LAG_UNKNOWN

        if self.lag_unknown not in LAG_UNKNOWN:
            raise ConfigError(f"maintenance.cleanup.lag_unknown: expected one of "
                              f"{', '.join(LAG_UNKNOWN)}, got {self.lag_unknown!r}")
        if self.max_replica_lag_bytes is not None and self.max_replica_lag_bytes < 0:
            raise ConfigError("maintenance.cleanup.max_replica_lag_bytes: must be 0 or more")


@dataclass(frozen=True)
class RunSettings:
    """[maintenance.run]: what ``pgwarden maintain run`` does, in order."""

    tasks: list[str] = field(default_factory=lambda: ["cleanup", "vacuum", "refresh", "reindex"])
    budget: Duration | None = None


@dataclass(frozen=True)
class MaintenanceSettings:
    """[maintenance]"""

    lock_timeout: Duration = Duration("2s")
    lock_retries: int = 3
    retry_pause: Duration = Duration("1s")
    budget: Duration | None = None
    refresh: RefreshSettings = field(default_factory=RefreshSettings)
    vacuum: VacuumSettings = field(default_factory=VacuumSettings)
    reindex: ReindexSettings = field(default_factory=ReindexSettings)
    cleanup: CleanupSettings = field(default_factory=CleanupSettings)
    run: RunSettings = field(default_factory=RunSettings)
