"""What a fleet run is made of: targets, and one row per target with its status.

A row's status comes from a fixed table (documented in docs/fleet.md): each status has an
exit code and a severity; the fleet's exit code is the code of its worst row.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from pgwarden.config import Config

OK = "ok"
FINDINGS = "findings"
PARTIAL = "partial"
FAILED = "failed"
STANDBY = "skipped: standby"
UNREACHABLE = "unreachable"
TIMEOUT = "timeout"
LOCKED = "locked"
NOT_REACHED = "not reached"

# status -> (exit code, severity); the worst row (highest severity) decides the exit code.
STATUS_TABLE: dict[str, tuple[int, int]] = {
    OK: (0, 0),
    STANDBY: (0, 1),
    FINDINGS: (1, 2),
    LOCKED: (75, 3),
    PARTIAL: (3, 4),
    NOT_REACHED: (3, 5),
    FAILED: (3, 6),
    TIMEOUT: (4, 7),
    UNREACHABLE: (4, 8),
}


@dataclass(frozen=True)
class Target:
    """One database to run a command on. ``dsn`` carries secrets: print ``where`` instead."""

    name: str
    cluster: str
    database: str | None
    dsn: str = field(repr=False)
    host: str  # host:port, the key --per-host counts connections by
    labels: Mapping[str, str] = field(default_factory=dict)
    config: Config = field(default_factory=Config, repr=False)
    topology: Mapping[str, Any] = field(default_factory=dict, repr=False)

    @property
    def where(self) -> str:
        """``user@host:port/dbname``, never the password."""
        from pgwarden.db import describe_target, redact

        return redact(describe_target(self.dsn))


@dataclass(frozen=True)
class Row:
    """One target's outcome."""

    target: str
    cluster: str
    database: str | None
    status: str
    message: str = ""
    seconds: float = 0.0
    labels: Mapping[str, str] = field(default_factory=dict)
    detail: Mapping[str, Any] = field(default_factory=dict)

    @property
    def exit_code(self) -> int:
        return STATUS_TABLE[self.status][0]

    @property
    def severity(self) -> int:
        return STATUS_TABLE[self.status][1]

    def as_json(self) -> dict[str, Any]:
        from pgwarden.output import to_jsonable

        return {"target": self.target, "cluster": self.cluster, "database": self.database,
                "labels": dict(self.labels), "status": self.status,
                "exit_code": self.exit_code, "seconds": round(self.seconds, 3),
                "message": self.message, "detail": to_jsonable(dict(self.detail))}


def row_for(target: Target, status: str, message: str = "", *, seconds: float = 0.0,
            detail: Mapping[str, Any] | None = None) -> Row:
    return Row(target=target.name, cluster=target.cluster, database=target.database,
               status=status, message=message, seconds=seconds, labels=target.labels,
               detail=detail or {})


def exit_code(rows: Iterable[Row]) -> int:
    """The code of the worst row (0 for no rows)."""
    worst = max(rows, key=lambda r: r.severity, default=None)
    return worst.exit_code if worst is not None else 0


def worst_first(rows: Iterable[Row]) -> list[Row]:
    return sorted(rows, key=lambda r: (-r.severity, r.target))


def counts(rows: Iterable[Row]) -> dict[str, int]:
    found: dict[str, int] = {}
    for r in rows:
        found[r.status] = found.get(r.status, 0) + 1
    return {s: found[s] for s in STATUS_TABLE if s in found}
