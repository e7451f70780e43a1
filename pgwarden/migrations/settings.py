"""``[migrate]`` in pgwarden.toml: the lock-safe runner's policy."""

from __future__ import annotations

import re
from dataclasses import dataclass, fields, replace
from typing import Any

from pgwarden.config import Duration, build, parse_duration
from pgwarden.errors import ConfigError

_DICT_NAME = re.compile(r"^[a-z0-9_]+$")
# revision 0006: rank searches in a RUM index when the server has rum ("auto"), always ("rum":
# fail without it) or never ("ts_rank": keep ranking every match with ts_rank)
SEARCH_RANKING = ("auto", "rum", "ts_rank")


@dataclass(frozen=True)
class MigrateSettings:
    """How migrations take locks and how long they may wait.

    ``lock_timeout`` bounds every wait for a lock inside a revision's transaction (a waiting
    ALTER TABLE queues every later reader and writer behind it, so the wait must be short);
    after ``retries`` more attempts with jittered exponential back-off the run fails naming
    the lock holder. ``statement_timeout`` applies to every statement except CONCURRENTLY
    index builds, which run with it off and with ``index_lock_timeout`` (0 = wait as long as
    needed: a CONCURRENTLY build holds only SHARE UPDATE EXCLUSIVE, which blocks no reader or
    writer, while it waits for older transactions to finish).
    """

    lock_timeout: Duration = Duration("2s")
    statement_timeout: Duration = Duration("10min")
    retries: int = 5
    retry_backoff: Duration = Duration("1s")
    retry_backoff_max: Duration = Duration("30s")
    index_lock_timeout: Duration = Duration("0")
    # how long a run waits for an index build still running in another session (the orphan
    # of a killed run) before it stops with exit 75
    build_wait: Duration = Duration("30min")
    populate_views: bool = True
    polish_dictionary: str = "pl_pl"
    search_ranking: str = "auto"

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if f.type in ("Duration", Duration) and not isinstance(value, Duration):
                parse_duration(value, what=f"migrate.{f.name}")
                object.__setattr__(self, f.name, Duration(str(value)))
        if self.retries < 0 or self.retries > 100:
            raise ConfigError("migrate.retries: expected 0..100")
        if not _DICT_NAME.match(self.polish_dictionary):
            raise ConfigError("migrate.polish_dictionary: expected a file base name like 'pl_pl'")
        if self.search_ranking not in SEARCH_RANKING:
            raise ConfigError(f"migrate.search_ranking: expected one of {', '.join(SEARCH_RANKING)}, "
                              f"got {self.search_ranking!r}")
        if self.lock_timeout.seconds <= 0:
            raise ConfigError("migrate.lock_timeout: must be above 0 (a migration must never "
                              "wait for a lock without bound)")

    def with_overrides(self, overrides: dict[str, Any]) -> MigrateSettings:
        """A copy with ``overrides`` (strings from ``-x key=value``) applied and validated."""
        known = {f.name for f in fields(self)}
        clean: dict[str, Any] = {}
        for key, value in overrides.items():
            name = key.replace("-", "_")
            if name not in known:
                continue
            clean[name] = _from_text(name, value) if isinstance(value, str) else value
        if not clean:
            return self
        merged = build(MigrateSettings, clean, "migrate")
        return replace(self, **{k: getattr(merged, k) for k in clean})


def _from_text(name: str, value: str) -> Any:
    if name == "retries":
        try:
            return int(value)
        except ValueError:
            raise ConfigError(f"migrate.{name}: expected an integer, got {value!r}") from None
    if name == "populate_views":
        low = value.lower()
        if low not in {"true", "false", "1", "0", "yes", "no", "on", "off"}:
            raise ConfigError(f"migrate.{name}: expected true or false, got {value!r}")
        return low in {"true", "1", "yes", "on"}
    return value
