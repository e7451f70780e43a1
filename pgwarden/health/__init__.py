"""``pgwarden health``: checks with Nagios states, thresholds from ``[health]``.

Public API: ``run(dsn, settings, only=None) -> HealthReport``, ``check_names()``,
``nagios_line(report)``. Each check is a small function registered with
``@registry.check`` in one of the modules imported below.
"""

from __future__ import annotations

from pgwarden.health.model import CheckResult, HealthReport, Perf, Status, worst
from pgwarden.health.runner import check_names, nagios_line, run

__all__ = ["CheckResult", "HealthReport", "Perf", "Status", "check_names", "nagios_line", "run",
           "worst"]
