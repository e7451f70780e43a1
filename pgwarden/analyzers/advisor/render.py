"""Phase 8, render: an Advice as a ranked rich table, JSON, or bare SQL (one statement per line)."""

from __future__ import annotations

import sys
from typing import Any

from pgwarden.analyzers.advisor.model import Advice, Validation
from pgwarden.analyzers.advisor.selection import Decision


def _size(n: int) -> str:
    for unit in ("B", "kB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n = n / 1024  # type: ignore[assignment]
    return str(n)


def sql_lines(advice: Advice) -> list[str]:
    """The statements that build the kept indexes, one per line (several for an index on a
    partitioned table: ``Candidate.statements``)."""
    return [text + ";" for d in advice.kept for text in d.candidate.statements()]


def as_json(advice: Advice) -> dict[str, Any]:
    def decision(d: Decision) -> dict[str, Any]:
        return {"rank": d.rank, "kept": d.kept, "index": d.candidate.name,
                "table": f"{d.candidate.schema}.{d.candidate.table}", "kind": d.candidate.kind,
                "method": d.candidate.method,
                "ddl": "\n".join(text + ";" for text in d.candidate.statements()),
                "statements": [text + ";" for text in d.candidate.statements()],
                "why": d.why, "reason": d.reason, "validated": d.measured,
                "queries": [advice.queries[_pos(advice, q)].query for q in d.queries],
                "cost_before": round(d.cost_before, 2), "cost_after": round(d.cost_after, 2),
                "benefit": round(d.benefit, 1), "write_cost": round(d.write_cost, 1),
                "write_ms": round(d.write_ms, 3), "over_budget": d.over_budget,
                "kept_over_budget": d.kept_over_budget or None,
                "estimated_bytes": d.bytes,
                **({"validation": validate_json(v)} if (v := advice.validations.get(
                    d.candidate.signature)) is not None else {})}

    return {"database": advice.database, "server_version_num": advice.server_version,
            "source": advice.source, "validated_with_hypopg": advice.validated,
            "workload_cost_before": round(advice.workload_before, 1),
            "workload_cost_after": round(advice.workload_after, 1),
            "writes": writes_summary(advice),
            "suggested": [decision(d) for d in advice.kept],
            "rejected": [decision(d) for d in advice.decisions if not d.kept],
            "queries": [{"query": q.query, "calls": q.calls, "cost": round(q.cost, 2),
                         "repairs": list(q.repairs),
                         "calls_by_node": dict(q.nodes) if q.nodes else None}
                        for q in advice.queries],
            "skipped": [{"query": s.query, "reason": s.reason} for s in advice.skipped],
            "notes": list(advice.notes)}


def writes_summary(advice: Advice) -> dict[str, Any]:
    """The write budget: the writes' time now, what the kept set adds, what was dropped."""
    overhead = advice.write_overhead
    return {"observed_ms": round(advice.writes_ms, 3),
            "estimated_ms": round(advice.write_ms, 3),
            "estimated_overhead": round(overhead, 4) if overhead is not None else None,
            "max_write_overhead": advice.max_write_overhead or None,
            "dropped": [d.candidate.name for d in advice.decisions if d.over_budget],
            "kept_over_budget": [d.candidate.name for d in advice.kept if d.kept_over_budget]}


def _writes_line(advice: Advice) -> str | None:
    overhead = advice.write_overhead
    if overhead is None:
        return None
    budget = (f"budget {advice.max_write_overhead * 100:g}%" if advice.max_write_overhead
              else "no budget")
    return (f"writes: +{advice.write_ms:,.1f} ms estimated on their {advice.writes_ms:,.1f} ms "
            f"(+{overhead:.1%}; {budget}, max_write_overhead)")


def validate_json(v: Validation) -> dict[str, Any]:
    """A decision's ``validation`` object in ``--json`` (``advise --validate``)."""
    def r(x: float | None, n: int = 3) -> float | None:
        return None if x is None else round(x, n)

    return {"status": v.status, "estimated_gain": r(v.estimated_gain),
            "validated_gain": r(v.validated_gain), "sampled_fraction": r(v.sampled_fraction, 4),
            "cost_without": r(v.cost_without, 2), "cost_with": r(v.cost_with, 2),
            "ms_without": r(v.ms_without), "ms_with": r(v.ms_with), "why": v.why,
            "plans": list(v.plans)}


def _validated(d: Decision, v: Validation | None) -> str:
    """The table's "validated" cell: how the candidate was costed, and the real build's gain."""
    how = "hypopg" if d.measured else "[yellow]no[/yellow]"
    if v is None:
        return how
    if v.validated_gain is not None:
        return f"{how}; built: -{v.validated_gain:.0%} (est. -{v.estimated_gain:.0%})"
    return f"{how}; [yellow]{v.status}[/yellow]"


def _pos(advice: Advice, index: int) -> int:
    for pos, q in enumerate(advice.queries):
        if q.index == index:
            return pos
    raise KeyError(index)


def _indented(text: str, indent: str = "    ") -> str:
    return "\n".join(indent + line for line in text.splitlines())


def _explained(text: str) -> str:
    import textwrap

    return "\n".join(textwrap.wrap(text, 76, initial_indent="    ", subsequent_indent="    "))


def _print_validation(out: Any, v: Validation | None, explain: bool) -> None:
    if v is None:
        return
    text = f"validation: {v.status}" + (f": {v.why}" if v.why else "")
    out.print(_explained(text), soft_wrap=True, markup=False)
    if explain:
        for line in v.plans:
            out.print(f"      {line}", soft_wrap=True, markup=False)


def print_table(advice: Advice, *, show_rejected: bool = False, explain: bool = False) -> None:
    """The advice for a person: each kept index with its why in two short lines (the whole
    reasoning with ``explain``) and its DDL; rejected candidates with ``show_rejected``."""
    from rich.table import Table

    from pgwarden.output import console, is_terminal

    out = console()
    if not is_terminal(sys.stdout):
        out.width = max(out.width, 160)  # piped: do not fold the table into an 80-column mush
    out.print(f"[bold]{advice.database}[/bold]: {len(advice.queries)} queries from "
              f"{advice.source}, {len(advice.skipped)} skipped; "
              + ("costed with hypopg" if advice.validated else "[yellow]UNVALIDATED[/yellow] "
                 "(own estimates)"))
    by_node: dict[str, int] = {}
    for q in advice.queries:
        for node, calls in q.nodes:
            by_node[node] = by_node.get(node, 0) + calls
    if by_node:
        out.print("  calls by node: " + ", ".join(f"{node} {calls:,}"
                                                  for node, calls in by_node.items()))
    for note in advice.notes:
        out.print(f"  note: {note}")
    if advice.kept:
        t = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
        for col in ("#", "index", "queries helped", "cost before → after", "est. size",
                    "write cost", "validated"):
            t.add_column(col)
        for d in advice.kept:
            t.add_row(str(d.rank), f"{d.candidate.name}\n  {d.candidate.describe()}", str(len(d.queries)),
                      f"{d.cost_before:,.1f} → {d.cost_after:,.1f}", _size(d.bytes),
                      f"{d.write_cost:,.0f}",
                      _validated(d, advice.validations.get(d.candidate.signature)))
        out.print(t)
        for d in advice.kept:
            out.print(f"  {d.rank}. {d.candidate.name}", soft_wrap=True)
            out.print(_indented(d.why), soft_wrap=True, markup=False)
            if explain:
                out.print(_explained(d.reason), soft_wrap=True, markup=False)
            _print_validation(out, advice.validations.get(d.candidate.signature), explain)
            for text in d.candidate.statements():
                out.print(f"    {text};", soft_wrap=True, markup=False)
        if advice.workload_before:
            out.print(f"workload cost {advice.workload_before:,.0f} → {advice.workload_after:,.0f} "
                      f"({1 - advice.workload_after / advice.workload_before:.0%} less)")
    else:
        out.print("no index would pay for itself on this workload")
    if (line := _writes_line(advice)) is not None:
        out.print(line, soft_wrap=True, markup=False)
    for d in advice.decisions:
        if d.over_budget:
            out.print(f"  dropped for the write budget: {d.candidate.name} (+{d.write_ms:,.1f} ms "
                      "of writes, the least read loss per write time)", soft_wrap=True,
                      markup=False)
    for d in advice.kept:
        if d.kept_over_budget:
            out.print(f"  {d.candidate.name}: {d.kept_over_budget}", soft_wrap=True, markup=False)
    rejected = [d for d in advice.decisions if not d.kept]
    for d in rejected:  # a kept candidate the real build showed not to pay: always said
        v = advice.validations.get(d.candidate.signature)
        if v is not None and not show_rejected:
            out.print(f"  dropped {d.candidate.name}: {d.candidate.describe()}", soft_wrap=True,
                      markup=False)
            _print_validation(out, v, explain)
    if show_rejected:
        for d in rejected:
            out.print(f"  rejected {d.candidate.name} ({d.candidate.kind})", soft_wrap=True)
            out.print(_explained(d.reason) if explain else _indented(d.why), soft_wrap=True,
                      markup=False)
    elif rejected:
        out.print(f"{len(rejected)} candidates rejected (--all shows why)")
    for s in advice.skipped:
        out.print(f"  skipped: {' '.join(s.query.split())[:80]} — {s.reason}")
