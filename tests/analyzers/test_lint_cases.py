"""Every lint rule, safe and unsafe side by side, from the ``.sql`` case files in lint_cases/.

A case starts with ``-- case: <title>`` and ``-- expect: rule[, rule…]`` (or ``clean``); its
SQL is linted as a psql file. ``-- migration`` splits a case into consecutive migrations (the
linter keeps what it learnt about the schema, not the "created in this migration" facts).
Test ids are ``<file>.sql:<line>`` like pglast's printer cases.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from pgwarden.analyzers.lint import all_rules
from pgwarden.analyzers.lint.engine import lint_migrations
from pgwarden.analyzers.lint.sources import read_sql

CASES = Path(__file__).parent / "lint_cases"


@dataclass(frozen=True)
class Case:
    id: str
    title: str
    expect: tuple[str, ...]
    parts: tuple[str, ...]


def load_cases() -> list[Case]:
    cases: list[Case] = []
    for path in sorted(CASES.glob("*.sql")):
        lines = path.read_text().split("\n")
        starts = [i for i, ln in enumerate(lines) if ln.startswith("-- case:")]
        for n, start in enumerate(starts):
            end = starts[n + 1] if n + 1 < len(starts) else len(lines)
            body = lines[start:end]
            title = body[0].removeprefix("-- case:").strip()
            assert body[1].startswith("-- expect:"), f"{path.name}:{start + 2}: missing -- expect:"
            raw = body[1].removeprefix("-- expect:").strip()
            expect = () if raw == "clean" else tuple(sorted(r.strip() for r in raw.split(",")))
            sql = "\n".join(body[2:])
            parts = tuple(sql.split("-- migration\n"))
            cases.append(Case(f"{path.name}:{start + 1}", title, expect, parts))
    return cases


ALL_CASES = load_cases()


@pytest.mark.parametrize("case", ALL_CASES, ids=[c.id for c in ALL_CASES])
def test_case(case: Case) -> None:
    migs = [read_sql(f"{case.id}#{i}", part) for i, part in enumerate(case.parts)]
    report = lint_migrations(migs)
    assert not report.errors, report.errors
    found = tuple(sorted(f.rule for f in report.findings))
    assert found == case.expect, f"{case.id} {case.title}: {[f.message for f in report.findings]}"


def test_every_rule_has_an_unsafe_and_a_safe_case() -> None:
    fired = {r for c in ALL_CASES for r in c.expect}
    missing = sorted(set(all_rules()) - fired - {"missing-timeouts"})
    assert not missing, f"rules without an unsafe case: {missing}"
    assert sum(1 for c in ALL_CASES if not c.expect) >= 15


def test_setting_and_interval_values_are_read_as_postgresql_reads_them() -> None:
    """statement_timeout's units (a bare number is ms) and interval units, for the timeout
    bound and the folding of ``now() - interval …``."""
    from pglast import parse_sql

    from pgwarden.analyzers.lint.model import duration_ms
    from pgwarden.analyzers.lint.sizes import _interval_seconds, _now_value

    def arg(text: str) -> object:
        return parse_sql(f"SET statement_timeout = {text}")[0].stmt.args[0]

    assert [duration_ms(arg(v)) for v in ("50", "'50ms'", "'2s'", "'5min'", "'1h'", "'0'",
                                          "'fast'")] == [50.0, 50.0, 2000.0, 300000.0,
                                                         3600000.0, 0.0, None]
    assert _interval_seconds("7 days") == 7 * 86400
    assert _interval_seconds("500 ms") == 0.5
    assert _interval_seconds("2 hours 30 mins") == 9000
    assert _interval_seconds("1:00:00") is None
    where = parse_sql("SELECT 1 WHERE a < now() - interval '10000 years'")[0].stmt.whereClause
    assert _now_value(where.rexpr) is None
