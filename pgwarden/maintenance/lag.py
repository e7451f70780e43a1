"""The replica-lag guard: a long clean-up must not leave the standbys behind.

Before each batch, ``wait_for_replicas`` reads every standby's replay lag (seconds and bytes)
from ``pg_stat_replication`` and the WAL that inactive replication slots hold back, and waits
while any is above ``[maintenance.cleanup] max_replica_lag`` / ``max_replica_lag_bytes``. Each
pause is recorded with its reason. When the lag cannot be read (the role lacks pg_monitor, so
the LSN columns read NULL) the guard fails closed: it pauses like for a lagging standby and,
after ``max_lag_wait``, stops the task (exit 3), unless ``lag_unknown = "ignore"``. The
decision is a pure function of one reading (``verdict``), tested without a server; the
waiting is tested against a real standby whose replay is paused.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pgwarden import sql as sqlfiles

LAG_UNKNOWN = ("pause", "ignore")


@dataclass(frozen=True)
class Lag:
    kind: str              # standby | slot
    name: str
    lag_s: float | None
    lag_bytes: int | None
    visible: bool


@dataclass(frozen=True)
class Limits:
    max_lag_s: float | None = None
    max_lag_bytes: int | None = None
    lag_unknown: str = "pause"

    @property
    def active(self) -> bool:
        return self.max_lag_s is not None or self.max_lag_bytes is not None


def read(conn: Any) -> list[Lag]:
    """One reading on the primary (any row factory)."""
    cur = conn.execute(sqlfiles.load("maintenance/replica_lag"))
    names = [d.name for d in cur.description]
    out = []
    for row in cur.fetchall():
        r = row if isinstance(row, dict) else dict(zip(names, row, strict=True))
        out.append(Lag(r["kind"], str(r["name"]), r["lag_s"],
                       int(r["lag_bytes"]) if r["lag_bytes"] is not None else None,
                       bool(r["visible"])))
    return out


def _bytes(n: int) -> str:
    for unit, size in (("GB", 1 << 30), ("MB", 1 << 20), ("kB", 1 << 10)):
        if n >= size:
            return f"{n / size:.1f} {unit}"
    return f"{n} B"


def verdict(reading: list[Lag], limits: Limits) -> tuple[str | None, bool]:
    """(why to pause, or None; whether the reason is that lag is unknown)."""
    if not limits.active:
        return None, False
    for lag in reading:
        if lag.kind == "standby" and (not lag.visible or lag.lag_bytes is None):
            if limits.lag_unknown == "ignore":
                continue
            return (f"replica lag of {lag.name} cannot be read (the role needs pg_monitor; "
                    "lag_unknown = \"ignore\" proceeds without it)"), True
        if (limits.max_lag_s is not None and lag.lag_s is not None
                and lag.lag_s > limits.max_lag_s):
            return (f"standby {lag.name} replays {lag.lag_s:.1f} s behind "
                    f"(max_replica_lag {limits.max_lag_s:g} s)"), False
        if (limits.max_lag_bytes is not None and lag.lag_bytes is not None
                and lag.lag_bytes > limits.max_lag_bytes):
            what = ("standby " + lag.name + " is") if lag.kind == "standby" else \
                ("inactive slot " + lag.name + " holds")
            return (f"{what} {_bytes(lag.lag_bytes)} of WAL behind "
                    f"(max_replica_lag_bytes {_bytes(limits.max_lag_bytes)})"), False
    return None, False


@dataclass
class Pauses:
    """Pauses of one task: how many, how long, and the distinct reasons, for its outcome."""

    count: int = 0
    seconds: float = 0.0
    reasons: list[str] = field(default_factory=list)   # the first reason per lagging node
    _seen: set[str] = field(default_factory=set)

    def add(self, reason: str) -> None:
        key = reason.split(" is ")[0].split(" replays ")[0].split(" holds ")[0]
        if key not in self._seen:
            self._seen.add(key)
            self.reasons.append(reason)

    def note(self) -> str:
        if not self.count:
            return ""
        return (f"; paused {self.count}x for {self.seconds:.1f} s for replica lag ("
                + "; ".join(self.reasons[:3]) + ")")


def wait_for_replicas(conn: Any, limits: Limits, pauses: Pauses, *,
                      max_wait: float, poll: float, budget_spent: Callable[[], bool],
                      on_pause: Callable[[str], None] | None = None) -> str | None:
    """Wait while the standbys lag; returns why to stop (None: go on)."""
    if not limits.active:
        return None
    started: float | None = None
    while True:
        reason, unknown = verdict(read(conn), limits)
        if reason is None:
            if started is not None:
                pauses.seconds += time.monotonic() - started
            return None
        now = time.monotonic()
        if started is None:
            started = now
            pauses.count += 1
            pauses.add(reason)
            if on_pause:
                on_pause(reason)
        if budget_spent():
            pauses.seconds += now - started
            return f"{reason} until the budget was spent"
        if now - started >= max_wait:
            pauses.seconds += now - started
            what = "could not read replica lag" if unknown else "replica lag stayed high"
            return f"{what} for {max_wait:g} s (max_lag_wait): {reason}"
        time.sleep(poll)
