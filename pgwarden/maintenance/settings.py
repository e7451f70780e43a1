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

import re
from dataclasses import dataclass, field

from pgwarden.config import Duration, parse_duration
from pgwarden.errors import ConfigError

TASKS = ("cleanup", "vacuum", "refresh", "reindex")
FREE_SPACE_POLICIES = ("refuse", "allow")

_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(B|kB|KB|MB|GB|TB)?\s*$")
_UNIT = {"B": 1, "kB": 1024, "KB": 1024, "MB": 1024**2, "GB": 1024**3, "TB": 1024**4}


def parse_size(text: str) -> int:
    m = _SIZE.match(text)
    if not m:
        raise ConfigError(f"maintenance.reindex.min_index_size: expected e.g. '1MB', got {text!r}")
    return int(float(m.group(1)) * _UNIT[m.group(2) or "B"])


def _n(x: float) -> str:
    return f"{int(x):,}" if float(x).is_integer() else f"{x:g}"


def _at_least(key: str, value: float, low: float) -> None:
    if value < low:
        raise ConfigError(f"maintenance.{key}: expected a number ≥ {_n(low)}, got {value!r}")


def _between(key: str, value: float, low: float, high: float, *, open_low: bool = False) -> None:
    """``low < value`` (``open_low``) or ``low ≤ value``, and ``value ≤ high``."""
    if value > high or value < low or (open_low and value == low):
        bracket = "(" if open_low else "["
        raise ConfigError(f"maintenance.{key}: expected a number in {bracket}{_n(low)}, {_n(high)}], "
                          f"got {value!r}")


def _one_of(key: str, value: str, allowed: tuple[str, ...]) -> None:
    if value not in allowed:
        raise ConfigError(f"maintenance.{key}: expected one of {', '.join(map(repr, allowed))}, "
                          f"got {value!r}")


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

    def __post_init__(self) -> None:
        _between("vacuum.dead_tuple_ratio", self.dead_tuple_ratio, 0, 1, open_low=True)
        _between("vacuum.mod_since_analyze_ratio", self.mod_since_analyze_ratio, 0, 1,
                 open_low=True)
        _at_least("vacuum.min_dead_tuples", self.min_dead_tuples, 0)
        _at_least("vacuum.min_mod_since_analyze", self.min_mod_since_analyze, 0)
        # autovacuum_freeze_max_age can be at most 2,000,000,000
        _between("vacuum.xid_age", self.xid_age, 1, 2_000_000_000)
        _between("vacuum.multixact_age", self.multixact_age, 1, 2_000_000_000)
        _between("vacuum.jobs", self.jobs, 1, 64)


@dataclass(frozen=True)
class ReindexSettings:
    """[maintenance.reindex]"""

    bloat_ratio: float = 0.40              # estimated wasted fraction of the index
    min_index_size: str = "1MB"            # smaller indexes are never worth a rebuild for bloat
    stats_max_age: Duration = Duration("7d")  # older (or missing) ANALYZE: estimate not trusted
    stale_mod_ratio: float = 0.20          # n_mod_since_analyze / reltuples above: not trusted
    free_space_margin: float = 1.5         # need margin * estimated new size free
    unknown_free_space: str = "refuse"     # "refuse" | "allow" when free space cannot be read

    def __post_init__(self) -> None:
        # a wasted fraction: 0 would rebuild every index, 1 or more none
        _between("reindex.bloat_ratio", self.bloat_ratio, 0, 0.99, open_low=True)
        parse_size(self.min_index_size)
        _at_least("reindex.stats_max_age", parse_duration(self.stats_max_age), 0)
        _between("reindex.stale_mod_ratio", self.stale_mod_ratio, 0, 1)
        # the new index is built next to the old one: at least its own size must be free
        _at_least("reindex.free_space_margin", self.free_space_margin, 1)
        _one_of("reindex.unknown_free_space", self.unknown_free_space, FREE_SPACE_POLICIES)


@dataclass(frozen=True)
class CleanupPolicy:
    """One [[maintenance.cleanup.policies]] entry."""

    table: str                             # "schema.table" or "table" (search_path)
    time_column: str
    older_than: Duration
    condition: str | None = None           # extra SQL boolean expression (trusted, see module doc)
    key: str | None = None                 # keyset column; default: the single-column primary key, else ctid
    name: str | None = None

    def __post_init__(self) -> None:
        for key in ("table", "time_column"):
            if not str(getattr(self, key)).strip():
                raise ConfigError(f"maintenance.cleanup.policies: {key} must not be empty "
                                  f"(policy {self.name or self.table!r})")


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
        # 0 would delete nothing and report success; a negative LIMIT fails at run time
        _between("cleanup.batch_size", self.batch_size, 1, 1_000_000)
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

    def __post_init__(self) -> None:
        for t in self.tasks:
            _one_of("run.tasks", t, TASKS)
        if len(set(self.tasks)) != len(self.tasks):
            raise ConfigError(f"maintenance.run.tasks: a task is listed twice: {self.tasks!r}")


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

    def __post_init__(self) -> None:
        _between("lock_retries", self.lock_retries, 1, 100)
