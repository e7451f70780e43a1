"""The records the advisor's phases pass along: one ``Query`` per statement of the workload,
filled in phase by phase, and the ``Advice`` the pipeline returns."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from pgwarden.analyzers.advisor.parse import ParsedStatement, TableRef
from pgwarden.analyzers.advisor.selection import Decision
from pgwarden.analyzers.advisor.whatif import Plan, Variant
from pgwarden.analyzers.advisor.workload import Statement


@dataclass
class Query:
    """One statement of the workload on its way through the phases.

    ``workload`` gives ``statement`` (its text, calls and rows); ``inline`` sets ``text`` to the
    statement with its SQL functions replaced by their bodies (``inlined`` names them);
    ``parse`` sets ``tables`` and then, with the catalog's column types, ``parsed`` (the
    repaired, typed text and what it asks of each table); ``cost`` sets ``types`` (the
    parameter types the server chose), ``variants`` and their ``plans`` without new indexes,
    and ``cost`` (per call, their mean)."""

    index: int
    statement: Statement
    text: str
    inlined: tuple[str, ...] = ()
    tables: tuple[TableRef, ...] = ()
    parsed: ParsedStatement | None = None
    types: tuple[str, ...] = ()
    variants: list[Variant] = field(default_factory=list)
    plans: list[Plan] = field(default_factory=list)
    cost: float = 0.0

    @property
    def calls(self) -> int:
        return self.statement.calls

    @property
    def rows(self) -> int:
        """Rows the statement touched over all its calls (at least one per call)."""
        return max(self.statement.rows, self.statement.calls)

    @property
    def stmt(self) -> ParsedStatement:
        """The parsed statement (only for queries past the parse phase)."""
        assert self.parsed is not None, "parsed after the parse phase"
        return self.parsed


@dataclass(frozen=True)
class Skipped:
    """A statement the advisor could not read or plan, and why."""

    query: str
    reason: str


@dataclass(frozen=True)
class QueryInfo:
    """A read statement the advice was computed for (``index`` is what decisions cite)."""

    index: int
    query: str
    calls: int
    cost: float  # per call, mean of the generic, common-value and rare-value plans
    repairs: tuple[str, ...] = ()
    nodes: tuple[tuple[str, int], ...] = ()  # workload merged from several nodes: calls per node


@dataclass(frozen=True)
class Validation:
    """A kept candidate built for real on a temporary copy (``advise --validate``): its gains
    are the share of the helped statements' cost (weighted by calls) it saves, estimated and
    measured on the copy; ``status`` is confirmed, rejected (below ``min_improvement``: dropped),
    ``not validated (budget)`` or ``not validated`` (``why`` says why)."""

    status: str
    estimated_gain: float
    validated_gain: float | None = None
    sampled_fraction: float | None = None  # share of the table's rows the copy holds
    cost_without: float | None = None  # per call on the copy, planner units
    cost_with: float | None = None
    ms_without: float | None = None  # run on the copy (statements whose values are known)
    ms_with: float | None = None
    why: str = ""
    plans: tuple[str, ...] = ()  # the plans' key lines without and with it (--explain)


@dataclass(frozen=True)
class Advice:
    """What ``advise`` returns: every candidate's decision (kept first) and the queries."""

    database: str
    server_version: int
    source: str
    validated: bool  # hypopg measured the btree candidates
    decisions: tuple[Decision, ...]
    queries: tuple[QueryInfo, ...]
    skipped: tuple[Skipped, ...]
    notes: tuple[str, ...] = ()
    workload_before: float = 0.0  # sum of calls x cost per call, before
    workload_after: float = 0.0  # and with every kept index together (hypopg), else estimated
    # advise --validate: candidate signature -> what building it on a copy showed
    validations: Mapping[str, Validation] = field(default_factory=dict)
    writes_ms: float = 0.0  # the workload's write time now (the write budget's base)
    max_write_overhead: float = 0.0  # the budget's share of it (0: no budget)

    @property
    def write_ms(self) -> float:
        """Estimated time the kept set adds to the workload's writes (ms)."""
        return sum(d.write_ms for d in self.kept)

    @property
    def write_overhead(self) -> float | None:
        """That time as a share of the writes' time now (None: no writes observed)."""
        return self.write_ms / self.writes_ms if self.writes_ms > 0 else None

    @property
    def kept(self) -> list[Decision]:
        return [d for d in self.decisions if d.kept]
