"""The linter: follow each migration statement by statement, run the rules, apply suppressions.

Suppressions are comments — ``-- pgwarden: ignore RULE[, RULE…] because <reason>`` in SQL, or
``# pgwarden: ignore …`` in a revision file — on the statement's line or the lines just above
it; they apply to the next statement. A suppression without a reason, or naming an unknown
rule, is itself a finding and suppresses nothing.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from pglast.parser import ParseError, scan
from pglast.stream import RawStream

import pgwarden.analyzers.lint.rules  # noqa: F401 - registers every rule
from pgwarden.analyzers.lint.guard import (
    ParserCrash,
    comment_regions,
    parse_statements,
    statement_slices,
)
from pgwarden.analyzers.lint.model import State, Stmt, apply
from pgwarden.analyzers.lint.plpgsql import read_body, routine_source
from pgwarden.analyzers.lint.rule import (
    ADVICE,
    BREAKING,
    FAIL_ON,
    HAZARD,
    META_RULES,
    RULES,
    Rule,
    meta_rule,
)
from pgwarden.analyzers.lint.sizes import bounded_by_timeout, small_work
from pgwarden.analyzers.lint.sources import Migration, collect

if TYPE_CHECKING:
    from pgwarden.analyzers.lint.catalog import Catalog

NO_REASON = meta_rule(
    "suppression-without-reason", tier=ADVICE,
    summary="a `pgwarden: ignore` comment must say why (`-- pgwarden: ignore RULE because …`)",
    recipe="add `because <reason>` — the next reader needs to know why the hazard is acceptable")
UNKNOWN_RULE = meta_rule(
    "suppression-unknown-rule", tier=ADVICE,
    summary="a `pgwarden: ignore` comment names a rule that does not exist",
    recipe="use a rule id from `pgwarden lint --list-rules`")

_NEWLINE = re.compile("\n")
_SUPPRESS = re.compile(r"pgwarden:\s*ignore\s+(?P<rules>[\w\-]+(?:\s*,\s*[\w\-]+)*)"
                       r"(?:\s+because\b\s*(?P<reason>.*))?", re.I)


@dataclass(frozen=True)
class Finding:
    rule: str
    file: str
    line: int
    message: str
    lock: str | None
    blocks: str
    recipe: str
    statement: str
    tier: str = HAZARD  # "hazard" fails the check; "breaking" and "advice" per fail_on


@dataclass(frozen=True)
class InputError:
    file: str
    line: int
    message: str


@dataclass
class LintReport:
    findings: list[Finding] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    files: int = 0
    statements: int = 0
    suppressed: int = 0
    # the tiers that fail the check: lock hazards always; breaking and advice when asked
    fail_on: frozenset[str] = frozenset({HAZARD})

    @property
    def strict(self) -> bool:
        """Every tier fails the check (``--strict``)."""
        return ADVICE in self.fail_on and BREAKING in self.fail_on

    @property
    def failing(self) -> list[Finding]:
        """The findings that fail the check: those whose tier is in ``fail_on``."""
        return [f for f in self.findings if f.tier in self.fail_on]

    @property
    def advice(self) -> int:
        return sum(1 for f in self.findings if f.tier == ADVICE)

    @property
    def breaking(self) -> int:
        return sum(1 for f in self.findings if f.tier == BREAKING)

    @property
    def exit_code(self) -> int:
        """2 when an input was unreadable, 1 when a finding fails the check, 0 when clean."""
        return 2 if self.errors else (1 if self.failing else 0)


@dataclass(frozen=True)
class _Suppression:
    file: str
    line: int
    rules: tuple[str, ...]
    reason: str


def all_rules() -> dict[str, Rule]:
    return {**RULES, **META_RULES}


def _by_node() -> dict[str, list[Rule]]:
    index: dict[str, list[Rule]] = {}
    for r in RULES.values():
        for node in r.nodes:
            index.setdefault(node, []).append(r)
    return index


def fail_tiers(fail_on: Iterable[str] = (), strict: bool = False) -> frozenset[str]:
    """The tiers that fail the check: lock hazards always, plus the ``--fail-on`` names
    (``lock``, ``breaking``, ``advice``); ``strict`` means all of them. UsageError on an
    unknown name."""
    names = {n.strip().lower() for item in fail_on for n in item.split(",") if n.strip()}
    bad = names - set(FAIL_ON)
    if bad:
        from pgwarden.errors import UsageError

        raise UsageError(f"unknown --fail-on tier(s): {', '.join(sorted(bad))}",
                         hint=f"choose from {', '.join(FAIL_ON)}")
    tiers = {HAZARD} | {FAIL_ON[n] for n in names}
    return frozenset(FAIL_ON.values()) if strict else frozenset(tiers)


def lint_paths(paths: list[str], *, require_timeouts: bool = False, disable: Iterable[str] = (),
               stdin: str | bytes | None = None, strict: bool = False,
               fail_on: Iterable[str] = (), catalog: Catalog | None = None) -> LintReport:
    """Lint files, folders (SQL files and alembic versions folders) and ``-`` (stdin).

    ``fail_on``: tiers besides lock hazards that fail the check (``breaking``, ``advice``);
    ``strict``: every tier fails it. ``catalog``: what the target database already has
    (``catalog.read(dsn)``), known before the first statement.
    """
    return lint_migrations(collect(paths, stdin=stdin), require_timeouts=require_timeouts,
                           disable=disable, strict=strict, fail_on=fail_on, catalog=catalog)


def lint_sql(sql: str, *, name: str = "<sql>", require_timeouts: bool = False,
             strict: bool = False, fail_on: Iterable[str] = (),
             catalog: Catalog | None = None) -> LintReport:
    """Lint one SQL text as psql would run it (tests and library use)."""
    from pgwarden.analyzers.lint.sources import read_sql

    return lint_migrations([read_sql(name, sql)], require_timeouts=require_timeouts,
                           strict=strict, fail_on=fail_on, catalog=catalog)


def lint_migrations(migrations: list[Migration], *, require_timeouts: bool = False,
                    disable: Iterable[str] = (), strict: bool = False,
                    fail_on: Iterable[str] = (), catalog: Catalog | None = None) -> LintReport:
    disabled = set(disable)
    unknown = disabled - set(all_rules())
    if unknown:
        from pgwarden.errors import UsageError

        raise UsageError(f"unknown lint rule(s): {', '.join(sorted(unknown))}")
    index = _by_node()
    report = LintReport(files=len({m.file for m in migrations}),
                        fail_on=fail_tiers(fail_on, strict))
    state = State(require_timeouts=require_timeouts)
    if catalog is not None:
        catalog.seed(state)
    for mig in migrations:
        if mig.error is not None:
            report.errors.append(InputError(mig.file, mig.error[0], mig.error[1]))
            continue
        _lint_one(mig, state, index, disabled, report)
    return report


def _lint_one(mig: Migration, state: State, index: dict[str, list[Rule]], disabled: set[str],
              report: LintReport) -> None:
    state.new_unit(mig.file)
    # (file, line) of every statement, in order; rules' hits refer to them by position. Parse
    # trees are not kept: a large file's statements are parsed and checked a batch at a time.
    places: list[tuple[str, int]] = []
    comments: list[tuple[str, int, str]] = list(mig.comments)
    hits: list[tuple[int, Finding, str | None, int]] = []  # (statement, finding, relation, tx)
    for chunk in mig.chunks:
        newlines = [m.start() for m in _NEWLINE.finditer(chunk.text)] if chunk.follow_lines else []
        file = chunk.file or mig.file

        def line_of(pos: int, chunk_line: int = chunk.line, follow: bool = chunk.follow_lines,
                    nl: list[int] = newlines) -> int:
            return chunk_line + (bisect.bisect_left(nl, pos) if follow else 0)

        current = chunk.line
        slices = statement_slices(chunk.text)
        try:
            for start, end, raw in parse_statements(chunk.text, slices):
                loc = start + (raw.stmt_location or 0)
                current = line_of(loc)
                body = chunk.text[loc:loc + raw.stmt_len] if raw.stmt_len else chunk.text[loc:end]
                stmt = Stmt(raw.stmt, file, current, " ".join(body[:4000].split())[:160],
                            state.explicit_tx, state.tx, mig.file, mig.runner, chunk.helper)
                places.append((stmt.file, stmt.line))
                at = len(places) - 1
                _check(stmt, at, state, index, disabled, hits)
                apply(stmt, state)
                # the statements a DO block runs (but its UPDATE/DELETE, which the backfill
                # rules read with the loops around them): linted where the block runs
                for inner in _do_block_statements(stmt):
                    one = Stmt(inner, file, current, " ".join(_deparse(inner).split())[:160],
                               state.explicit_tx, state.tx, mig.file, mig.runner, chunk.helper)
                    _check(one, at, state, index, disabled, hits)
                    apply(one, state)
        except ParseError as exc:
            pos = exc.args[1] if len(exc.args) > 1 and isinstance(exc.args[1], int) else 0
            report.errors.append(InputError(file, line_of(pos), str(exc.args[0])))
            return
        except ParserCrash as exc:
            report.errors.append(InputError(file, line_of(exc.pos), exc.detail))
            return
        except RecursionError:  # a rule walking a parse tree that parsed but nests too deep
            report.errors.append(InputError(file, current, "statement nested too deeply to lint"))
            return
        for lo, hi in comment_regions(chunk.text, slices, "pgwarden:"):
            piece = chunk.text[lo:hi]
            for tok in scan(piece):
                if tok.name in ("SQL_COMMENT", "C_COMMENT"):
                    comments.append((file, line_of(lo + tok.start), piece[tok.start:tok.end + 1]))
    report.statements += len(places)
    start_at = len(report.findings)
    suppressions = _suppressions(comments, report, disabled)
    bound = _bind(suppressions, places)
    for at, finding, relation, tx in hits:
        if relation is not None and (finding.rule, relation, tx) in state.retracted:
            continue  # found harmless by what the same transaction did later
        if finding.rule in bound.get(at, ()):
            report.suppressed += 1
        else:
            report.findings.append(finding)
    report.findings[start_at:] = sorted(report.findings[start_at:], key=lambda f: (f.line, f.rule))


def _check(stmt: Stmt, at: int, state: State, index: dict[str, list[Rule]], disabled: set[str],
           hits: list[tuple[int, Finding, str | None, int]]) -> None:
    """Run every rule for ``stmt`` (the ``at``-th statement of its migration) on ``state``."""
    for r in index.get(stmt.kind, ()):
        if r.id in disabled:
            continue
        for hit in r.check(stmt, state):
            if r.skip_new_tables and state.is_new(hit.relation):
                continue
            message, tier = hit.message, hit.tier or r.tier
            capped = bounded_by_timeout(state, hit.relation, hit.work or r.work, hit.also,
                                        hit.rows) \
                if tier == HAZARD and r.id != "missing-timeouts" else None
            if capped is not None:
                tier, message = capped[0], f"{message} ({capped[1]})"
            elif tier == HAZARD and (hit.work or r.work) and hit.relation:
                small = small_work(state, hit.relation, hit.work or r.work or "", hit.also,
                                   hit.rows)
                if small:
                    message, tier = f"{message} ({small})", ADVICE
            hits.append((at, Finding(r.id, stmt.file, stmt.line, message, r.lock, r.lock_text,
                                     r.recipe, stmt.text, tier), hit.relation, stmt.tx))


def _do_block_statements(stmt: Stmt) -> list[Any]:
    """What a PL/pgSQL DO block runs besides UPDATE/DELETE: its static DDL and INSERTs, and
    ``EXECUTE 'constant text'`` (plpgsql.Body.others)."""
    if stmt.kind != "DoStmt":
        return []
    source = routine_source(stmt.node)
    body = read_body(source) if source else None
    return list(body.others) if body is not None else []


def _deparse(node: Any) -> str:
    try:
        return str(RawStream()(node))
    except (ValueError, NotImplementedError, KeyError, TypeError, AttributeError):
        return type(node).__name__


def _suppressions(comments: list[tuple[str, int, str]], report: LintReport,
                  disabled: set[str]) -> list[_Suppression]:
    out: list[_Suppression] = []
    known = all_rules()
    for file, line, text in sorted(set(comments)):
        m = _SUPPRESS.search(text)
        if not m:
            continue
        rules = tuple(r.strip().lower() for r in m.group("rules").split(","))
        reason = (m.group("reason") or "").strip().rstrip("*/").strip()
        bad = [r for r in rules if r not in known]
        if bad:
            _meta(report, UNKNOWN_RULE, file, line, f"unknown rule {', '.join(bad)} in suppression",
                  text, disabled)
        elif not reason:
            _meta(report, NO_REASON, file, line, f"suppression of {', '.join(rules)} gives no reason",
                  text, disabled)
        else:
            out.append(_Suppression(file, line, rules, reason))
    return out


def _meta(report: LintReport, r: Rule, file: str, line: int, message: str, text: str,
          disabled: set[str]) -> None:
    if r.id not in disabled:
        report.findings.append(Finding(r.id, file, line, message, None, r.blocks, r.recipe,
                                       " ".join(text.split()), r.tier))


def _bind(suppressions: list[_Suppression], places: list[tuple[str, int]]) -> dict[int, set[str]]:
    """Statement position -> suppressed rule ids: a comment covers the statement on its line,
    else the next statement after it."""
    by_file: dict[str, dict[int, list[int]]] = {}
    for at, (file, line) in enumerate(places):
        by_file.setdefault(file, {}).setdefault(line, []).append(at)
    lines_of = {file: sorted(by_line) for file, by_line in by_file.items()}
    bound: dict[int, set[str]] = {}
    for sup in suppressions:
        by_line = by_file.get(sup.file, {})
        if sup.line in by_line:
            target = sup.line
        else:
            lines = lines_of.get(sup.file, [])
            i = bisect.bisect_right(lines, sup.line)
            if i == len(lines):
                continue
            target = lines[i]
        for at in by_line[target]:
            bound.setdefault(at, set()).update(sup.rules)
    return bound
