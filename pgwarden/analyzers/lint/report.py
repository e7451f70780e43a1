"""Rendering a LintReport: text for people, JSON for tools, GitHub workflow annotations."""

from __future__ import annotations

from typing import Any

from pgwarden.analyzers.lint.engine import LintReport
from pgwarden.analyzers.lint.rule import ADVICE, BREAKING, FAIL_ON, Rule

TAGS = {ADVICE: " (advice)", BREAKING: " (BREAKING)"}


def as_text(report: LintReport) -> str:
    out: list[str] = []
    for e in report.errors:
        out.append(f"{e.file}:{e.line}: error: {e.message}")
    for f in report.findings:
        out.append(f"{f.file}:{f.line}: {f.rule}{TAGS.get(f.tier, '')} {f.message}")
        out.append(f"    lock: {f.blocks}")
        out.append(f"    fix:  {f.recipe}")
    tiers = []
    if report.breaking:
        tiers.append(f"{report.breaking} breaking, " + (
            "failing the check" if BREAKING in report.fail_on
            else "not failing without --fail-on breaking"))
    if report.advice:
        tiers.append(f"{report.advice} advice, " + (
            "failing the check" if ADVICE in report.fail_on else "not failing without --strict"))
    advice = f" ({'; '.join(tiers)})" if tiers else ""
    summary = (f"{len(report.findings)} finding(s){advice}, {report.suppressed} suppressed, "
               f"{len(report.errors)} unreadable input(s) in {report.files} file(s), "
               f"{report.statements} statement(s)")
    out.append(summary)
    return "\n".join(out)


def _escape(text: str, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def as_github(report: LintReport) -> str:
    """``::error``/``::warning``/``::notice`` workflow commands GitHub turns into annotations on
    the diff: unreadable inputs are errors, hazards and breaking changes warnings, advice
    notices (warnings when advice fails the check)."""
    out: list[str] = []
    for e in report.errors:
        out.append(f"::error file={_escape(e.file, True)},line={max(e.line, 1)}::{_escape(e.message)}")
    for f in report.findings:
        msg = _escape(f"{f.message} — lock: {f.blocks}. Fix: {f.recipe}")
        level = "notice" if f.tier == ADVICE and ADVICE not in report.fail_on else "warning"
        out.append(f"::{level} file={_escape(f.file, True)},line={f.line},"
                   f"title={_escape(f.rule, True)}::{msg}")
    return "\n".join(out)


def as_json(report: LintReport) -> dict[str, Any]:
    return {"findings": report.findings, "errors": report.errors, "files": report.files,
            "statements": report.statements, "suppressed": report.suppressed,
            "advice": report.advice, "breaking": report.breaking, "strict": report.strict,
            "fail_on": sorted(k for k, t in FAIL_ON.items() if t in report.fail_on),
            "exit_code": report.exit_code}


def rules_table(rules: dict[str, Rule]) -> list[dict[str, Any]]:
    return [{"id": r.id, "family": r.family, "tier": r.tier, "summary": r.summary, "lock": r.lock,
             "blocks": r.lock_text, "recipe": r.recipe} for r in rules.values()]
