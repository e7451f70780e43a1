"""Fleet mode: the same single-target command on many databases, in parallel and bounded,
where one bad target is a row and never stops the rest.

Public API: ``load(path)`` (the fleet file, validated), ``resolve(spec, config)`` (targets),
``select(targets, only, exclude)``, ``run(targets, work, jobs=, per_host=, timeout=)`` (rows),
``exit_code(rows)`` and the per-command work functions in ``pgwarden.fleet.commands``.
"""

from pgwarden.fleet.model import STATUS_TABLE, Row, Target, exit_code
from pgwarden.fleet.resolve import Resolved, resolve, select
from pgwarden.fleet.runner import run
from pgwarden.fleet.spec import FleetSpec, load

__all__ = ["STATUS_TABLE", "FleetSpec", "Resolved", "Row", "Target", "exit_code", "load",
           "resolve", "run", "select"]
