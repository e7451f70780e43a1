"""How long the work behind a finding takes on the target table (``pgwarden --dsn … lint``).

A CREATE INDEX or a validating constraint blocks the table for as long as it works through it,
and that is as long as the table is big. With the catalog the linter knows each table's size
(``pg_class.reltuples`` scaled to the relation's current size, as the planner does) and
estimates the work as a fixed cost plus size / rate, from what PostgreSQL 15 did on a shared
2-core machine kept busy by 4 CPU-bound sessions (``bench/lint_work_speed.py``;
docs/benchmarks.md): the longest fixed cost and the slowest rate measured for each kind of work.
When the estimate is at most ``SMALL_WORK_S`` — 100 ms, about the longest pause a person does
not notice, and a twentieth of the 2 s ``lock_timeout`` pgwarden's runner lets a statement wait
— the finding is shown as advice, with the estimate. Rewrites are never downgraded: the issue's
definition of a lock hazard counts every rewrite, and a rewrite's cost (new files for the table,
its TOAST and every index, synced at commit) depends on more than the catalog shows.

It also estimates how many rows an UPDATE/DELETE's WHERE matches, from ``pg_stats`` (null
fraction, most common values, histogram), the way the planner's selectivity functions do for
the simple clauses (``IS [NOT] NULL``, ``=``, ``<>``, ``IN``, ranges, AND/OR/NOT); anything else
is unknown and estimates nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from pglast import ast, enums

if TYPE_CHECKING:
    from pgwarden.analyzers.lint.model import State

# kind of work -> (fixed seconds, rows per second, 8 kB pages per second): bench/lint_work_speed.py
# on PostgreSQL 15.20 with 4 busy sessions on 2 cores: the longest time at 2,000 rows, the
# slowest rates at 20,000 and 200,000 rows
RATES: dict[str, tuple[float, float, float]] = {
    "btree-index": (0.011, 163_000, 3_480),     # a 40-character text key
    "gin-gist-index": (0.150, 11_000, 235),     # gin_trgm_ops; GiST taken to be no faster
    "scan": (0.002, 1_015_000, 21_600),         # FOREIGN KEY validation (CHECK: faster)
    "update": (0.026, 57_400, 1_220),           # UPDATE of every row
}
SMALL_WORK_S = 0.1


@dataclass(frozen=True)
class TableSize:
    """Rows (None when the table was never vacuumed or analyzed) and 8 kB pages, now."""

    rows: float | None
    pages: float


@dataclass(frozen=True)
class ColumnStats:
    """One column's ``pg_stats`` row (values as text, the way pg_stats prints them)."""

    null_frac: float
    n_distinct: float
    mcv: tuple[str, ...] = ()
    mcf: tuple[float, ...] = ()
    histogram: tuple[str, ...] = ()


@dataclass
class Stats:
    """Table sizes and column statistics of the target database."""

    sizes: dict[str, TableSize] = field(default_factory=dict)
    columns: dict[tuple[str, str], ColumnStats] = field(default_factory=dict)


def work_seconds(state: State, table: str, work: str, rows: float | None = None,
                 fixed: bool = True) -> float | None:
    """Seconds of ``work`` on ``table`` (on ``rows`` of it when given), None when the size is
    unknown."""
    size = state.stats.sizes.get(table)
    base, rate_rows, rate_pages = RATES[work]
    base = base if fixed else 0.0
    if rows is not None:
        return base + rows / rate_rows
    if size is None:
        return None
    if size.rows is None:
        return base if size.pages == 0 else None
    return base + max(size.rows / rate_rows, size.pages / rate_pages)


def small_work(state: State, table: str, work: str, also: tuple[str, ...] = (),
               rows: float | None = None) -> str | None:
    """The reason a finding on ``table`` is only advice — its work takes at most SMALL_WORK_S
    by the catalog's sizes — or None (size unknown, or too big)."""
    total = 0.0
    for i, t in enumerate((table, *also)):
        s = work_seconds(state, t, "scan" if i else work, None if i else rows, fixed=not i)
        if s is None:
            return None
        total += s
    if total > SMALL_WORK_S:
        return None
    size = state.stats.sizes.get(table)
    what = (f"~{rows:,.0f} rows" if rows is not None else
            f"{size.rows or 0:,.0f} rows, {size.pages:,.0f} pages" if size else "")
    tables = ", ".join((table, *also))
    return (f"{tables}: {what}; ~{total * 1000:.0f} ms of work by the catalog's sizes, within "
            f"the {SMALL_WORK_S * 1000:.0f} ms a small table's work may take: advice")


# ---------------------------------------------------------------- WHERE selectivity

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")
DEFAULT_DISTINCT = 200  # what the planner assumes without statistics (DEFAULT_NUM_DISTINCT)


def _const(node: Any) -> str | None:
    """The text of a constant as pg_stats would print it, or None."""
    while isinstance(node, ast.TypeCast):
        node = node.arg
    if not isinstance(node, ast.A_Const) or node.isnull:
        return None
    v = node.val
    if isinstance(v, ast.Integer):
        return str(v.ival or 0)
    if isinstance(v, ast.Float):
        return str(v.fval)
    if isinstance(v, ast.String):
        return str(v.sval)
    if isinstance(v, ast.Boolean):
        return "t" if v.boolval else "f"
    return None


def _column(node: Any) -> str | None:
    if isinstance(node, ast.ColumnRef) and node.fields and isinstance(node.fields[-1], ast.String):
        return str(node.fields[-1].sval)
    return None


def _num(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


def _same(a: str, b: str) -> bool:
    if a == b:
        return True
    x, y = _num(a), _num(b)
    if x is not None and y is not None:
        return x == y
    if {a.lower(), b.lower()} <= {"t", "true", "f", "false"}:
        return a.lower()[:1] == b.lower()[:1]
    return False


def _less(a: str, b: str) -> bool | None:
    x, y = _num(a), _num(b)
    if x is not None and y is not None:
        return x < y
    if _ISO_DATE.match(a) and _ISO_DATE.match(b):
        return a < b
    return None


class _Estimator:
    def __init__(self, state: State, table: str):
        self.state = state
        self.table = table
        size = state.stats.sizes.get(table)
        self.rows = size.rows if size else None

    def column(self, name: str) -> ColumnStats | None:
        new = self.state.new_column(self.table, name)
        if new is True:  # added by this migration without a default: NULL in every row
            return ColumnStats(1.0, 0.0)
        if new is False:
            return None
        return self.state.stats.columns.get((self.table, name))

    def eq(self, cs: ColumnStats, value: str) -> float:
        for v, f in zip(cs.mcv, cs.mcf, strict=False):
            if _same(v, value):
                return f
        if cs.null_frac >= 1.0:
            return 0.0
        distinct = cs.n_distinct if cs.n_distinct > 0 else -cs.n_distinct * (self.rows or 0)
        distinct = distinct or DEFAULT_DISTINCT
        rest = max(1.0 - cs.null_frac - sum(cs.mcf), 0.0)
        return rest / max(distinct - len(cs.mcv), 1.0)

    def below(self, cs: ColumnStats, value: str, inclusive: bool) -> float | None:
        """Fraction of rows with col < value (<= when inclusive)."""
        part = 0.0
        for v, f in zip(cs.mcv, cs.mcf, strict=False):
            lt = _less(v, value)
            if lt is None:
                return None
            if lt or (inclusive and _same(v, value)):
                part += f
        rest = max(1.0 - cs.null_frac - sum(cs.mcf), 0.0)
        h = cs.histogram
        if rest and len(h) >= 2:
            x = _num(value)
            below = 0.0
            for i in range(len(h) - 1):
                lo, hi = h[i], h[i + 1]
                lt_lo, lt_hi = _less(value, lo), _less(value, hi)
                if lt_lo is None or lt_hi is None:
                    return None
                if lt_lo:
                    break
                if not lt_hi:
                    below += 1.0
                    continue
                a, b = _num(lo), _num(hi)  # value inside this bucket: interpolate numbers
                below += (x - a) / (b - a) if x is not None and a is not None and b is not None \
                    and b > a else 0.5
                break
            part += rest * below / (len(h) - 1)
        elif rest:
            return None
        return min(part, 1.0)

    def sel(self, e: Any) -> float | None:
        if isinstance(e, ast.BoolExpr):
            parts = [self.sel(a) for a in e.args or ()]
            if e.boolop == enums.BoolExprType.NOT_EXPR:
                return None if parts[0] is None else 1.0 - parts[0]
            if e.boolop == enums.BoolExprType.AND_EXPR:
                known = [p for p in parts if p is not None]
                if len(known) != len(parts):
                    return None
                out = 1.0
                for p in known:
                    out *= p
                return out
            known = [p for p in parts if p is not None]
            if len(known) != len(parts):
                return None
            out = 0.0
            for p in known:
                out = out + p - out * p
            return out
        if isinstance(e, ast.NullTest):
            col = _column(e.arg)
            cs = self.column(col) if col else None
            if cs is None:
                return None
            is_null = e.nulltesttype == enums.NullTestType.IS_NULL
            return cs.null_frac if is_null else 1.0 - cs.null_frac
        col = _column(e)
        if col is not None:  # WHERE flag: a boolean column
            cs = self.column(col)
            return self.eq(cs, "t") if cs else None
        if isinstance(e, ast.A_Expr):
            return self.expr(e)
        return None

    def expr(self, e: ast.A_Expr) -> float | None:
        op = str(e.name[-1].sval) if e.name else ""
        col, other = _column(e.lexpr), e.rexpr
        if col is None:
            col, other = _column(e.rexpr), e.lexpr
            op = {"<": ">", ">": "<", "<=": ">=", ">=": "<="}.get(op, op)
        cs = self.column(col) if col else None
        if cs is None:
            return None
        kind = e.kind
        if kind == enums.A_Expr_Kind.AEXPR_IN and isinstance(other, list | tuple):
            values = [_const(v) for v in other]
            if any(v is None for v in values):
                return None
            hit = min(sum(self.eq(cs, v) for v in values if v is not None), 1.0)
            return hit if op == "=" else max(1.0 - cs.null_frac - hit, 0.0)
        if kind == enums.A_Expr_Kind.AEXPR_BETWEEN and isinstance(other, list | tuple):
            lo, hi = (_const(v) for v in other)
            if lo is None or hi is None:
                return None
            a, b = self.below(cs, lo, False), self.below(cs, hi, True)
            return None if a is None or b is None else max(b - a, 0.0)
        if kind != enums.A_Expr_Kind.AEXPR_OP:
            return None
        value = _const(other)
        if value is None:
            return None
        if op == "=":
            return self.eq(cs, value)
        if op in ("<>", "!="):
            return max(1.0 - cs.null_frac - self.eq(cs, value), 0.0)
        if op in ("<", "<="):
            return self.below(cs, value, op == "<=")
        if op in (">", ">="):
            b = self.below(cs, value, op == ">")
            return None if b is None else max(1.0 - cs.null_frac - b, 0.0)
        return None


def matched_rows(state: State, table: str, where: Any) -> float | None:
    """Rows of ``table`` the WHERE clause ``where`` matches by the statistics, or None."""
    est = _Estimator(state, table)
    if est.rows is None:
        return None
    s = est.sel(where)
    return None if s is None else s * est.rows
