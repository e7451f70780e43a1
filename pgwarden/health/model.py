"""What a health check reports: a Nagios status, one sentence, details and perfdata."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any


class Status(enum.IntEnum):
    """Nagios plugin states; the value is the plugin exit code."""

    OK = 0
    WARNING = 1
    CRITICAL = 2
    UNKNOWN = 3

    @property
    def severity(self) -> int:
        """Ordering for "worst of": OK < UNKNOWN < WARNING < CRITICAL."""
        return {0: 0, 3: 1, 1: 2, 2: 3}[int(self)]


def worst(statuses: list[Status] | tuple[Status, ...]) -> Status:
    """The most severe status (OK when empty)."""
    return max(statuses, key=lambda s: s.severity, default=Status.OK)


@dataclass(frozen=True)
class Perf:
    """One Nagios perfdata item: ``label=value[uom];warn;crit;min;max``."""

    label: str
    value: float
    uom: str = ""
    warn: float | None = None
    crit: float | None = None
    min: float | None = None
    max: float | None = None

    def render(self) -> str:
        def num(v: float | None) -> str:
            if v is None:
                return ""
            return str(int(v)) if float(v).is_integer() else f"{v:.4g}"

        parts = [f"{num(self.value)}{self.uom}", num(self.warn), num(self.crit), num(self.min),
                 num(self.max)]
        while parts and parts[-1] == "":
            parts.pop()
        return f"'{self.label}'={';'.join(parts)}"


@dataclass(frozen=True)
class CheckResult:
    """The outcome of one check: status, one-line summary, the offending objects, the fix."""

    name: str
    status: Status
    summary: str
    details: tuple[dict[str, Any], ...] = ()
    fix: str | None = None
    perfdata: tuple[Perf, ...] = ()
    not_visible: str | None = None  # what this role could not see, when anything


@dataclass(frozen=True)
class HealthReport:
    """Every check's result for one database, and the overall (worst) status."""

    target: str
    server_version: str
    role: str
    results: tuple[CheckResult, ...] = field(default_factory=tuple)

    @property
    def status(self) -> Status:
        return worst([r.status for r in self.results])

    @property
    def limitations(self) -> list[str]:
        return [f"{r.name}: {r.not_visible}" for r in self.results if r.not_visible]

    def as_json(self) -> dict[str, Any]:
        """The report as ``pgwarden health --json`` prints it (statuses by name, perfdata
        rendered as Nagios strings)."""
        from pgwarden.output import to_jsonable

        return {"target": self.target, "server_version": self.server_version, "role": self.role,
                "status": self.status.name, "exit_code": int(self.status),
                "limitations": self.limitations,
                "checks": [{**to_jsonable(r), "status": r.status.name,
                            "perfdata": [p.render() for p in r.perfdata]} for r in self.results]}
