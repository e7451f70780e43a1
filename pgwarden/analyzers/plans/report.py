"""Rendering plan checks and diffs: text, Markdown for pull requests, JSON."""

from __future__ import annotations

from typing import Any

from pgwarden.analyzers.plans.check import CheckReport, describe_scans
from pgwarden.analyzers.plans.diff import DiffReport


def check_text(rep: CheckReport) -> str:
    out: list[str] = []
    for r in rep.results:
        status = "FAIL" if r.regressions else "ok"
        cost = f"cost {r.current.cost:,.0f}" if r.current else "no plan"
        out.append(f"{status:4} {r.name}: {cost}" + (f" — {describe_scans(r.current.scans)}"
                                                    if r.current else ""))
        for g in r.regressions:
            out.append(f"     {g.kind}: {g.detail}")
    out.extend(rep.notes)
    n = len(rep.regressions)
    out.append(f"{len(rep.results)} queries, {n} regression(s)"
               + (f"; baseline written to {rep.baseline_path}" if rep.updated else ""))
    return "\n".join(out)


def check_markdown(rep: CheckReport) -> str:
    n = len(rep.regressions)
    head = "### Query plans: " + (f"{n} regression(s)" if n and not rep.updated else "no regressions")
    out = [head, "", "| query | cost (baseline → now) | scans | regressions |", "|---|---|---|---|"]
    for r in rep.results:
        before = f"{r.baseline['cost']:,.0f}" if r.baseline else "—"
        now = f"{r.current.cost:,.0f}" if r.current else "error"
        scans = describe_scans(r.current.scans) if r.current else (r.error or "")
        regs = "<br>".join(f"**{g.kind}**: {g.detail}" for g in r.regressions) or "✓"
        out.append(f"| `{r.name}` | {before} → {now} | {scans} | {regs} |")
    out.extend(["", *rep.notes])
    return "\n".join(out).rstrip() + "\n"


def check_json(rep: CheckReport) -> dict[str, Any]:
    return {"baseline": rep.baseline_path, "updated": rep.updated, "exit_code": rep.exit_code,
            "regressions": rep.regressions,
            "queries": [{"name": r.name, "cost": r.current.cost if r.current else None,
                         "baseline_cost": r.baseline.get("cost") if r.baseline else None,
                         "indexes": r.current.indexes if r.current else [],
                         "scans": r.current.scans if r.current else [], "error": r.error,
                         "regressions": r.regressions} for r in rep.results],
            "notes": rep.notes}


def diff_text(rep: DiffReport, markdown: bool = False) -> str:
    if markdown:
        out = [f"### Query plans: revision {rep.from_rev} → {rep.to_rev}", "",
               f"| query | {rep.from_rev} | {rep.to_rev} | cost |", "|---|---|---|---|"]
        for d in rep.queries:
            out.append(f"| `{d.name}` | {d.before_scans} | {d.after_scans} | "
                       f"{d.before_cost:,.0f} → {d.after_cost:,.0f} |")
        return "\n".join(out) + "\n"
    width = max([len(d.before_scans) for d in rep.queries] + [len(rep.from_rev) + 9])
    nw = max([len(d.name) for d in rep.queries] + [5])
    out = [f" {'query':{nw}}  {('revision ' + rep.from_rev):{width}}  revision {rep.to_rev}"]
    for d in rep.queries:
        mark = "*" if d.changed else " "
        out.append(f"{mark}{d.name:{nw}}  {d.before_scans:{width}}  {d.after_scans}")
        out.append(f" {'':{nw}}  {('cost ' + format(d.before_cost, ',.0f')):{width}}  "
                   f"cost {d.after_cost:,.0f}")
    changed = sum(1 for d in rep.queries if d.changed)
    out.append(f"{changed} of {len(rep.queries)} plans changed (* marks them)")
    return "\n".join(out)
