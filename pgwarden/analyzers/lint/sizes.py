"""How long the work behind a finding takes on the target table (``pgwarden --dsn … lint``).

A CREATE INDEX or a validating constraint blocks the table for as long as it works through it,
and that is as long as the table is big. With the catalog the linter knows each table's size
(``pg_class.reltuples`` scaled to the relation's current size, as the planner does) and
estimates the work as a fixed cost plus size / rate, from what PostgreSQL 15 did on a shared
2-core machine kept busy by 4 CPU-bound sessions (``bench/lint_work_speed.py``;
docs/benchmarks.md): the longest fixed cost and the slowest rate measured for each kind of work.
The line is ``SMALL_WORK_S`` of blocking — 100 ms, about the longest pause a person does
not notice, and a twentieth of the 2 s ``lock_timeout`` pgwarden's runner lets a statement wait;
since the rates are the slowest measured, an estimate is taken to pass it only over
``HAZARD_ESTIMATE_S`` (150 ms with the catalog: the margin calibrated on the labelled corpus,
below). When the estimate is at most that, the finding is shown as advice, with the estimate.
Rewrites are never downgraded: the issue's definition of a lock hazard counts every rewrite,
and a rewrite's cost (new files for the table, its TOAST and every index, synced at commit)
depends on more than the catalog shows.

It also estimates how many rows an UPDATE/DELETE's WHERE matches, from ``pg_stats`` (null
fraction, most common values, histogram), the way the planner's selectivity functions do for
the simple clauses (``IS [NOT] NULL``, ``=``, ``<>``, ``IN``, ranges, AND/OR/NOT); anything else
is unknown and estimates nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any

from pglast import ast, enums

if TYPE_CHECKING:
    from pgwarden.analyzers.lint.model import State

# kind of work -> (fixed seconds, rows per second, 8 kB pages per second): bench/lint_work_speed.py
# on PostgreSQL 15.20 with 4 busy sessions on 2 cores (run of issue 15, round 2): the longest
# time at 2,000 rows, the slowest rates at 20,000 and 200,000 rows
RATES: dict[str, tuple[float, float, float]] = {
    "btree-index": (0.021, 131_900, 3_570),     # a 40-character text key
    # keys of fixed-width types (SCALAR_KEY_TYPES): 2.38x the text key's rates, the ratio of
    # the slowest of each measured in one run (issue 15, lint round 11: bigint, timestamp,
    # boolean, numeric, uuid and a two-column bigint/timestamp key against a 40-character
    # text, a short text and a bigint/text key; 708,791 against 298,243 rows/s)
    "btree-scalar": (0.021, 313_500, 8_490),
    "gin-index": (0.014, 136_700, 3_700),       # a few keys per row: an array, jsonb
    "gin-many-keys": (0.190, 10_300, 278),      # gin_trgm_ops, to_tsvector; GiST taken the same
    # every validating scan at FOREIGN KEY validation's rate, the slowest: SET NOT NULL's own
    # measured rate (2-3x faster) predicted half of what the corpus's probes were blocked for
    # (file 241: 135 ms on customers; docs/benchmarks.md)
    "scan": (0.002, 891_000, 24_100),
    "update": (0.038, 56_800, 1_540),           # UPDATE of every row
}
SMALL_WORK_S = 0.1
# The line an ESTIMATE must pass to make a finding a hazard: 1.5 × SMALL_WORK_S. The rates above
# are the slowest measured under load, so estimates run high: over the 1,020 dev files of the
# labelled corpus (bench/lint_corpus_calibrate.py, round 7 of issue 15) the measured block was a
# median 0.32 of the estimate for the hazards and 0.15 for the safe files flagged on one; no
# estimate under 150 ms belonged to a hazard (8 files, all safe) and the lowest hazards were
# estimated at 160-173 ms (20,000-row index builds, measured 104-133 ms). A line of 2× loses
# four of those; 1.5× loses none on any split.
# Only with the catalog (--dsn): without it the rows an estimate counts are a floor (one row per
# key value of a batch, a LIMIT's n), so the 100 ms line stays (hazard_line).
ESTIMATE_MARGIN = 1.5
HAZARD_ESTIMATE_S = SMALL_WORK_S * ESTIMATE_MARGIN


def hazard_line(state: State) -> float:
    """Seconds an estimate must pass to make a finding a lock hazard: HAZARD_ESTIMATE_S with
    the catalog's sizes and statistics, SMALL_WORK_S without (rows counted as a floor)."""
    return HAZARD_ESTIMATE_S if state.stats.sizes else SMALL_WORK_S


def line_words(state: State) -> str:
    """The line of hazard_line in words, for a finding's message."""
    line = hazard_line(state)
    if line == SMALL_WORK_S:
        return f"the {SMALL_WORK_S * 1000:.0f} ms"
    return (f"the {line * 1000:.0f} ms (the {SMALL_WORK_S * 1000:.0f} ms line × "
            f"{ESTIMATE_MARGIN:g}, for estimates at the slowest rates)")


BREAKING_TIER, ADVICE_TIER = "breaking", "advice"  # rule.BREAKING, rule.ADVICE (no import cycle)


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


# types whose btree keys compare without a collation, as a fixed-width value or an abbreviated
# key (numeric, uuid): a build sorts them at least 2.38x faster than a text key
SCALAR_KEY_TYPES = frozenset({
    "smallint", "integer", "bigint", "oid", "boolean", "bool", "date", "time", "timetz",
    "timestamp", "timestamptz", "interval", "float4", "float8", "real", "double precision",
    "numeric", "decimal", "money", "uuid", "serial", "bigserial", "smallserial"})


def btree_kind(state: State, table: str, keys: list[str | None]) -> str:
    """The kind of work (RATES) of a btree build on ``keys`` of ``table`` (None: an expression):
    ``btree-scalar`` when every key is a column of a SCALAR_KEY_TYPES type, else
    ``btree-index`` (a text key, an expression, a type the linter does not know: the slowest)."""
    for key in keys:
        typ = state.column_types.get((table, key), ("",))[0] if key is not None else ""
        if typ not in SCALAR_KEY_TYPES:
            return "btree-index"
    return "btree-scalar" if keys else "btree-index"


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


def work_estimate(state: State, table: str, work: str, also: tuple[str, ...] = (),
                  rows: float | None = None) -> float | None:
    """Seconds of the work behind a finding on ``table`` (and the tables in ``also``, read at
    the slowest scan rate), None when a size is unknown."""
    total = 0.0
    for i, t in enumerate((table, *also)):
        s = work_seconds(state, t, "scan" if i else work, None if i else rows, fixed=not i)
        if s is None:
            return None
        total += s
    return total


def small_work(state: State, table: str, work: str, also: tuple[str, ...] = (),
               rows: float | None = None) -> str | None:
    """The reason a finding on ``table`` is only advice — its work takes at most hazard_line
    by the catalog's sizes — or None (size unknown, or too big)."""
    total = work_estimate(state, table, work, also, rows)
    line = hazard_line(state)
    if total is None or total > line:
        return None
    size = state.stats.sizes.get(table)
    what = (f"~{rows:,.0f} rows" if rows is not None else
            f"{size.rows or 0:,.0f} rows, {size.pages:,.0f} pages" if size else "")
    tables = ", ".join((table, *also))
    return (f"{tables}: {what}; ~{total * 1000:.0f} ms of work by the catalog's sizes, within "
            f"{line_words(state)} a small table's work may take: advice")


def bounded_by_timeout(state: State, table: str | None, work: str | None,
                       also: tuple[str, ...] = (), rows: float | None = None) -> tuple[str, str] | None:
    """(tier, reason) when the session's statement_timeout is at most SMALL_WORK_S: the server
    cancels the statement before its lock has blocked anyone for longer, so it is no lock
    hazard — it fails (breaking) when the catalog's sizes say the work takes longer than the
    timeout, else it is advice. None when no such timeout is set."""
    limit = state.statement_timeout_ms
    if limit is None or limit > SMALL_WORK_S * 1000:
        return None
    est = work_estimate(state, table, work, also, rows) if table and work else None
    if est is not None and est * 1000 > limit:
        return BREAKING_TIER, (f"statement_timeout {limit:g} ms cancels it before it can block "
                               f"for long: ~{est:.1f} s of work by the catalog's sizes, so the "
                               "migration fails")
    return ADVICE_TIER, (f"statement_timeout {limit:g} ms bounds how long it can block; it "
                         "fails instead if the work takes longer")


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


# What the planner assumes for a clause it has no statistics for (selfuncs.h): an equality
# (and IS NULL: DEFAULT_UNK_SEL) matches 0.5 %, a one-sided range a third, a boolean half.
DEFAULT_EQ_SEL = 0.005
# functions that fold a text value the same way PostgreSQL does for ASCII (Estimator.own_function)
_FOLDS: dict[str, Callable[[str], str]] = {
    "upper": str.upper, "lower": str.lower, "btrim": lambda v: v.strip(" "),
    "ltrim": lambda v: v.lstrip(" "), "rtrim": lambda v: v.rstrip(" ")}
DEFAULT_INEQ_SEL = 1.0 / 3.0
# a histogram of at least this many bounds is taken as a sample of the rows outside the most
# common values, and a share measured on it kept within [CLAMP, 1 - CLAMP]: the planner's own
# figures (selfuncs.c: histogram_selectivity's callers use it from 100 bounds, clamping to
# 0.0001 .. 0.9999)
HISTOGRAM_SAMPLE = 100
HISTOGRAM_CLAMP = 0.0001


def _unchanged_by(name: str, extra: tuple[Any, ...]) -> Callable[[str], bool] | None:
    """A test that ``name(v, *extra)`` returns ``v`` (a value as pg_stats prints it): a case or
    blank fold, or ``round``/``trunc`` to a constant number of digits; None for anything
    else."""
    if not extra:
        fold = _FOLDS.get(name)
        return None if fold is None else (lambda v: fold(v) == v)
    digits = _const(extra[0]) if len(extra) == 1 and name in ("round", "trunc") else None
    if digits is None or not digits.lstrip("-").isdigit():
        return None
    quantum = Decimal(1).scaleb(-int(digits))
    mode = ROUND_HALF_UP if name == "round" else ROUND_DOWN  # numeric rounds half away from 0

    def same(v: str) -> bool:
        d = Decimal(v)
        return d == d.quantize(quantum, rounding=mode) if d.is_finite() else True
    return same


DEFAULT_RANGE_INEQ_SEL = 0.005
DEFAULT_BOOL_SEL = 0.5
# a containment or key operator against a value (``attrs ? 'schema'``, ``tags @> $1``): pg_stats
# keeps whole values, not keys or elements, so the planner falls back to its default for these
# (matchingsel's DEFAULT_MATCHING_SEL, PostgreSQL 13 and later)
DEFAULT_MATCHING_SEL = 0.010
MATCHING_OPS = frozenset({"?", "?|", "?&", "@>", "<@", "&&", "@?", "@@"})
# functions the planner folds to their value at plan time (estimate_expression_value): stable
# "now" functions; compared with a histogram as the time the linter runs
_NOW = frozenset({"now", "statement_timestamp", "transaction_timestamp", "clock_timestamp",
                  "current_timestamp", "localtimestamp", "current_date"})
_UNITS = {"millisecond": 0.001, "ms": 0.001, "second": 1, "sec": 1, "s": 1, "minute": 60,
          "min": 60, "m": 60, "hour": 3600, "h": 3600, "day": 86400, "d": 86400, "week": 604800, "w": 604800,
          "month": 2592000, "mon": 2592000, "year": 31557600, "y": 31557600}


def _interval_seconds(text: str) -> float | None:
    """``'7 days'``, ``'5 years 2 mons'`` -> seconds (a month is 30 days), else None."""
    total, parts = 0.0, text.strip().lower().split()
    if len(parts) % 2:
        return None
    for num, unit in zip(parts[::2], parts[1::2], strict=True):
        value = _num(num)
        factor = _UNITS.get(unit) or _UNITS.get(unit.removesuffix("s"))
        if value is None or factor is None:
            return None
        total += value * factor
    return total


def _now_value(node: Any) -> str | None:
    """``now()``, ``CURRENT_DATE``, ``now() - interval '7 days'`` … as an ISO timestamp (what
    the planner compares with the histogram: it folds stable functions at plan time)."""
    import datetime as dt

    if isinstance(node, ast.SQLValueFunction):
        return dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(node, ast.FuncCall) and not node.args and node.funcname \
            and str(node.funcname[-1].sval).lower() in _NOW:
        return dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(node, ast.A_Expr) and node.kind == enums.A_Expr_Kind.AEXPR_OP and node.name \
            and str(node.name[-1].sval) in ("+", "-"):
        base = _now_value(node.lexpr)
        rhs = node.rexpr
        while isinstance(rhs, ast.TypeCast):
            rhs = rhs.arg
        if base is None or not isinstance(rhs, ast.A_Const) or not isinstance(rhs.val, ast.String):
            return None
        secs = _interval_seconds(str(rhs.val.sval))
        if secs is None:
            return None
        sign = -1 if str(node.name[-1].sval) == "-" else 1
        try:
            when = dt.datetime.strptime(base, "%Y-%m-%d %H:%M:%S") + \
                dt.timedelta(seconds=sign * secs)
        except OverflowError:  # beyond year 1..9999: no histogram bound is that far
            return None
        return when.strftime("%Y-%m-%d %H:%M:%S")
    return None


def _columns_in(node: Any) -> list[Any]:
    """Every ColumnRef inside ``node`` (sublinks included: their own columns)."""
    from pglast.visitors import Visitor

    found: list[Any] = []

    class _V(Visitor):
        def visit_ColumnRef(self, ancestors: Any, n: Any) -> None:
            found.append(n)

    _V()(node)
    return found


def _has_sublink(node: Any) -> bool:
    from pglast.visitors import Visitor

    seen: list[bool] = []

    class _V(Visitor):
        def visit_SubLink(self, ancestors: Any, n: Any) -> None:
            seen.append(True)

    _V()(node)
    return bool(seen)


class _Estimator:
    """Selectivity of a WHERE clause on one table: from ``pg_stats`` where the catalog has
    them, else (``defaults``) from the planner's own defaults for a clause without statistics.
    ``names``: what the target table is called in the statement (its name, its alias); a
    qualified column of another name belongs to another relation (a join)."""

    def __init__(self, state: State, table: str, names: frozenset[str] = frozenset(),
                 defaults: bool = False):
        self.state = state
        self.table = table
        self.names = names | {table, table.rpartition(".")[2]}
        self.defaults = defaults
        size = state.stats.sizes.get(table)
        self.rows = size.rows if size else None

    def own(self, ref: Any) -> str | None:
        """The target table's column a ColumnRef names (unqualified: taken to be the target's)."""
        fields = [str(f.sval) for f in ref.fields or () if isinstance(f, ast.String)]
        if not fields or len(fields) != len(ref.fields or ()):
            return None
        if len(fields) == 1 or fields[-2] in self.names:
            return fields[-1]
        return None

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

    def foreign(self, e: Any) -> bool:
        """``e`` names a column of another relation (a join or that relation's restriction)."""
        return any(self.own(c) is None for c in _columns_in(e) if not _inside_sublink(e, c))

    def sel(self, e: Any) -> float | None:
        if isinstance(e, ast.BoolExpr):
            parts = [self.sel(a) for a in e.args or ()]
            if e.boolop == enums.BoolExprType.NOT_EXPR:
                return None if parts[0] is None else 1.0 - parts[0]
            if any(p is None for p in parts):
                return None
            known = [p for p in parts if p is not None]
            out = 1.0 if e.boolop == enums.BoolExprType.AND_EXPR else 0.0
            for p in known:
                out = out * p if e.boolop == enums.BoolExprType.AND_EXPR else out + p - out * p
            return out
        if isinstance(e, ast.NullTest):
            col = self.own(e.arg) if isinstance(e.arg, ast.ColumnRef) else None
            if col is None:
                return None
            is_null = e.nulltesttype == enums.NullTestType.IS_NULL
            cs = self.column(col)
            if cs is None:
                return (DEFAULT_EQ_SEL if is_null else 1.0 - DEFAULT_EQ_SEL) if self.defaults \
                    else None
            return cs.null_frac if is_null else 1.0 - cs.null_frac
        if isinstance(e, ast.ColumnRef):  # WHERE flag: a boolean column
            col = self.own(e)
            cs = self.column(col) if col else None
            if cs is None:
                return DEFAULT_BOOL_SEL if self.defaults and col else None
            return self.eq(cs, "t")
        if isinstance(e, ast.A_Expr):
            return self.expr(e)
        return None

    def _value(self, node: Any) -> tuple[str | None, bool]:
        """(constant text, whether the value is known at all): a constant, a folded ``now()``;
        a subquery or parameter not reading the target row is known to be *a* value (the
        planner's defaults apply), an expression of the row's own columns is not."""
        v = _const(node)
        if v is not None:
            return v, True
        inner = node
        while isinstance(inner, ast.TypeCast):
            inner = inner.arg
        now = _now_value(inner)
        if now is not None:
            return now, True
        if isinstance(inner, ast.SubLink) or isinstance(inner, ast.ParamRef):
            return None, True
        own = [c for c in _columns_in(inner) if self.own(c) is not None]
        return None, not own and not isinstance(inner, ast.A_Const) and _has_sublink(inner)

    def expr(self, e: ast.A_Expr) -> float | None:
        op = str(e.name[-1].sval) if e.name else ""
        col = self.own(e.lexpr) if isinstance(e.lexpr, ast.ColumnRef) else None
        other = e.rexpr
        if col is None and isinstance(e.rexpr, ast.ColumnRef):
            col, other = self.own(e.rexpr), e.lexpr
            op = {"<": ">", ">": "<", "<=": ">=", ">=": "<="}.get(op, op)
        if col is None:
            return self.modulo(e, op)
        cs = self.column(col)
        kind = e.kind
        if kind == enums.A_Expr_Kind.AEXPR_IN and isinstance(other, list | tuple):
            values = [_const(v) for v in other]
            if any(v is None for v in values):
                return None
            if cs is None:
                if not self.defaults:
                    return None
                hit = min(DEFAULT_EQ_SEL * len(values), 1.0)
            else:
                hit = min(sum(self.eq(cs, v) for v in values if v is not None), 1.0)
            null = cs.null_frac if cs else 0.0
            return hit if op == "=" else max(1.0 - null - hit, 0.0)
        if kind == enums.A_Expr_Kind.AEXPR_BETWEEN and isinstance(other, list | tuple):
            lo, hi = (self._value(v)[0] for v in other)
            if cs is None or lo is None or hi is None:
                known = all(self._value(v)[1] for v in other)
                return DEFAULT_RANGE_INEQ_SEL if self.defaults and known else None
            a, b = self.below(cs, lo, False), self.below(cs, hi, True)
            return None if a is None or b is None else max(b - a, 0.0)
        if kind == enums.A_Expr_Kind.AEXPR_LIKE:
            return DEFAULT_EQ_SEL if self.defaults and op == "~~" else None
        if kind != enums.A_Expr_Kind.AEXPR_OP:
            return None
        window = self.extreme_window(col, cs, op, other)
        if window is not None:
            return window
        if op in ("=", "<>", "!=") and cs is not None:
            own = self.own_function(col, cs, op, other)
            if own is not None:
                return own
        value, known = self._value(other)
        if op in MATCHING_OPS and (known or isinstance(other, ast.A_ArrayExpr)):
            return DEFAULT_MATCHING_SEL if cs is not None or self.defaults else None
        if not known and op in ("<>", "!=") and cs is not None and not _has_sublink(other):
            # a column with statistics against an expression of the row (``price <> round(price,
            # 1)``): the planner's default for <> (neqsel without a constant) over the non-null
            # rows. Without statistics (no --dsn) it stays unknown, taken to be a batch: the
            # column's null fraction, what such a normalising UPDATE mostly skips, is unknown.
            return max(1.0 - cs.null_frac - DEFAULT_EQ_SEL, 0.0)
        if not known:
            return None
        if value is None or cs is None:
            # no statistics, or a value only known when the statement runs: the planner's
            # defaults (a subquery's value is not known at plan time either)
            if cs is None and not self.defaults:
                return None
            null = cs.null_frac if cs else 0.0
            if op == "=":
                return DEFAULT_EQ_SEL
            if op in ("<>", "!="):
                return max(1.0 - null - DEFAULT_EQ_SEL, 0.0)
            if op in ("<", "<=", ">", ">="):
                return DEFAULT_INEQ_SEL
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

    def modulo(self, e: ast.A_Expr, op: str) -> float | None:
        """``col % n = k`` (``<>``), n and k whole constants: the rows of one residue, 1/n of
        the column's non-null rows (``<>``: the others), the share a batching or sharding
        backfill takes (``row_id % 2 = 0`` is half the rows; the planner's default for an
        expression's equality, 0.5%, would call it a few). None for anything else."""
        def is_mod(n: Any) -> bool:
            name: Any = n.name if isinstance(n, ast.A_Expr) else None
            return bool(name) and str(name[-1].sval) == "%"

        if op not in ("=", "<>", "!=") or e.kind != enums.A_Expr_Kind.AEXPR_OP:
            return None
        left: Any
        right: Any
        left, right = (e.lexpr, e.rexpr) if is_mod(e.lexpr) else (e.rexpr, e.lexpr)
        if not is_mod(left) or not isinstance(left.lexpr, ast.ColumnRef):
            return None
        col = self.own(left.lexpr)
        n, k = _const(left.rexpr), _const(right)
        if col is None or n is None or k is None or not n.isdigit() or not k.lstrip("-").isdigit() \
                or int(n) < 1 or abs(int(k)) >= int(n):
            return None
        cs = self.column(col)
        if cs is None and not self.defaults:
            return None
        rows = 1.0 - (cs.null_frac if cs else 0.0)
        hit = rows / int(n)
        return hit if op == "=" else max(rows - hit, 0.0)

    def own_function(self, col: str, cs: ColumnStats, op: str, other: Any) -> float | None:
        """``col = f(col)`` / ``col <> f(col)`` for a case or blank folding ``f``, or a
        ``round``/``trunc`` to a constant number of digits (the already-normalised test of a
        normalising backfill): the planner takes a default, but the statistics' values can be
        tested one by one (ASCII values only, where the fold does not depend on the collation).
        The most common values count by their frequencies; the rows outside them by the share
        of the histogram's bounds ``f`` leaves unchanged when the histogram holds at least
        HISTOGRAM_SAMPLE bounds (the planner's own use of a histogram as a sample for an
        operator it cannot reason about, histogram_selectivity, clamped as it clamps), else
        none match ``=`` and all match ``<>`` (the most a batch can touch). None when it is not
        such a clause."""
        if not isinstance(other, ast.FuncCall):
            return None
        args, names = tuple(other.args or ()), tuple(other.funcname or ())
        if not args or not names or not isinstance(args[0], ast.ColumnRef) \
                or self.own(args[0]) != col:
            return None
        unchanged = _unchanged_by(str(names[-1].sval).lower(), args[1:])
        if unchanged is None or not all(v.isascii() for v in cs.mcv + cs.histogram):
            return None
        try:
            same = sum(f for v, f in zip(cs.mcv, cs.mcf, strict=False) if unchanged(v))
            kept = [unchanged(v) for v in cs.histogram]
        except (ArithmeticError, ValueError):
            return None
        rest = max(1.0 - cs.null_frac - sum(cs.mcf), 0.0)
        share = 0.0  # of the rows outside the most common values, those f leaves unchanged
        if len(kept) >= HISTOGRAM_SAMPLE:
            share = min(max(sum(kept) / len(kept), HISTOGRAM_CLAMP), 1.0 - HISTOGRAM_CLAMP)
        if op == "=":
            return min(same + rest * share, 1.0)
        return min(max(sum(cs.mcf) - same, 0.0) + rest * (1.0 - share), 1.0)

    def extreme_window(self, col: str, cs: ColumnStats | None, op: str, other: Any) -> float | None:
        """``key > (SELECT max(key) - N FROM table)`` (or ``>= (SELECT max(key) FROM table) -
        N``; ``<`` with ``min(key) + N``) on an integer column: the rows whose key is among
        the last (first) N values, at most N + 1 distinct values whatever the table's size —
        where the planner's default for a subquery's value would take a third of the table.
        Only for the table's own aggregate over all its rows (a WHERE in the subquery could
        put the bound anywhere); None when the clause is not of that shape."""
        if self.state.column_types.get((self.table, col), ("",))[0] not in (
                "smallint", "integer", "bigint"):
            return None
        share = self.share_of_extreme(cs, op, other, col)
        if share is not None:
            return share
        agg = {">": "max", ">=": "max", "<": "min", "<=": "min"}.get(op)
        if agg is None:
            return None
        width = _window_width(other, agg, col, self.table)
        if width is None:
            return None
        distinct = None
        if cs is not None:
            distinct = cs.n_distinct if cs.n_distinct > 0 else -cs.n_distinct * (self.rows or 0)
        if not distinct:
            return None
        return min((width + 1) / distinct, 1.0)


    def share_of_extreme(self, cs: ColumnStats | None, op: str, other: Any,
                         col: str) -> float | None:
        """``key <= (SELECT max(key) / 2 FROM table)`` (``* f``, or the division outside the
        subquery; ``min`` the same): a bound that is a fraction of the key's largest (smallest)
        value, which the statistics know — the histogram's last (first) bound, or a common
        value beyond it — where the planner's default for a subquery's value takes a third of
        the table whatever the fraction. Only for the table's own aggregate over all its rows,
        with a histogram; None otherwise."""
        if op not in ("<", "<=", ">", ">=") or cs is None or len(cs.histogram) < 2:
            return None
        for agg in ("max", "min"):
            found = _aggregate_arith(other, agg, col, self.table, ("*", "/"))
            if found is None or (found[0] == "/" and not found[1]):
                continue
            ends = [x for x in (_num(v) for v in (cs.histogram[0], cs.histogram[-1], *cs.mcv))
                    if x is not None]
            if not ends:
                return None
            extreme = max(ends) if agg == "max" else min(ends)
            value = extreme * found[1] if found[0] == "*" else extreme / found[1]
            b = self.below(cs, repr(value), op in ("<=", ">"))
            if b is None:
                return None
            return b if op in ("<", "<=") else max(1.0 - cs.null_frac - b, 0.0)
        return None


def _window_width(node: Any, agg: str, col: str, table: str) -> float | None:
    """N of ``(SELECT max(col) - N FROM table)`` / ``(SELECT max(col) FROM table) - N`` (agg
    ``min``: ``+ N``), else None."""
    found = _aggregate_arith(node, agg, col, table, ("-" if agg == "max" else "+",))
    return found[1] if found is not None else None


def _aggregate_arith(node: Any, agg: str, col: str, table: str,
                     ops: tuple[str, ...]) -> tuple[str, float] | None:
    """(operator, N) of ``(SELECT agg(col) <op> N FROM table)`` / ``(SELECT agg(col) FROM
    table) <op> N`` for an operator in ``ops`` and a constant N >= 0, else None."""
    def strip(n: Any) -> Any:
        while isinstance(n, ast.TypeCast):
            n = n.arg
        return n

    def arith(e: Any) -> tuple[Any, str, float] | None:
        e = strip(e)
        if isinstance(e, ast.A_Expr) and e.kind == enums.A_Expr_Kind.AEXPR_OP and e.name and \
                str(e.name[-1].sval) in ops:
            n = _num(_const(e.rexpr) or "")
            return (e.lexpr, str(e.name[-1].sval), n) if n is not None and n >= 0 else None
        return None

    def aggregate(e: Any) -> bool:
        e = strip(e)
        if not isinstance(e, ast.FuncCall):
            return False
        args: list[Any] = list(e.args or ())
        if [str(x.sval) for x in e.funcname or ()][-1:] != [agg] or len(args) != 1 or \
                not isinstance(args[0], ast.ColumnRef):
            return False
        fields = [str(f.sval) for f in args[0].fields or () if isinstance(f, ast.String)]
        return fields[-1:] == [col]

    def subquery(e: Any) -> Any:
        """The single target of a one-table, WHERE-less scalar subquery over ``table``."""
        e = strip(e)
        if not (isinstance(e, ast.SubLink) and e.subLinkType == enums.SubLinkType.EXPR_SUBLINK):
            return None
        q: Any = e.subselect
        items = list(getattr(q, "fromClause", None) or ())
        targets = list(getattr(q, "targetList", None) or ())
        if len(items) != 1 or not isinstance(items[0], ast.RangeVar) or len(targets) != 1 or \
                q.whereClause is not None or q.groupClause or q.havingClause is not None:
            return None
        rv = items[0]
        name = f"{rv.schemaname}.{rv.relname}" if rv.schemaname else str(rv.relname)
        return targets[0].val if name in (table, table.rpartition(".")[2]) else None

    outer = arith(node)
    if outer is not None:  # (SELECT max(col) FROM t) - N
        inner = subquery(outer[0])
        return (outer[1], outer[2]) if inner is not None and aggregate(inner) else None
    inner = subquery(node)  # (SELECT max(col) - N FROM t)
    within = arith(inner) if inner is not None else None
    return (within[1], within[2]) if within is not None and aggregate(within[0]) else None


def _inside_sublink(root: Any, col: Any) -> bool:
    """``col`` is inside a subquery of ``root`` (its columns are the subquery's own)."""
    from pglast.visitors import Visitor

    inside: list[bool] = []

    class _V(Visitor):
        def visit_SubLink(self, ancestors: Any, n: Any) -> None:
            if any(c is col for c in _columns_in(n.subselect)):
                inside.append(True)

    _V()(root)
    return bool(inside)


def _terms(where: Any) -> list[Any]:
    """The terms of a top-level AND (the clause itself when it is not one)."""
    if isinstance(where, ast.BoolExpr) and where.boolop == enums.BoolExprType.AND_EXPR:
        return [t for a in where.args or () for t in _terms(a)]
    return [where]


def _ctes(stmt: Any) -> dict[str, Any]:
    """Name -> query of each common table expression of ``stmt``'s WITH."""
    clause = getattr(stmt, "withClause", None)
    return {str(c.ctename): c.ctequery for c in (clause.ctes if clause is not None else ()) or ()
            if isinstance(c, ast.CommonTableExpr)}


def _item_query(item: Any, ctes: dict[str, Any]) -> Any:
    """The SELECT a FROM/USING item reads: a subquery's, or the CTE's a bare name refers to."""
    if isinstance(item, ast.RangeSubselect):
        return item.subquery
    if isinstance(item, ast.RangeVar) and not item.schemaname and str(item.relname) in ctes:
        return ctes[str(item.relname)]
    return None


def _share(item: Any) -> float:
    """The share of its rows a FROM/USING item of an UPDATE/DELETE supplies to the join, by the
    planner's defaults: a table, a CTE or an unrestricted subquery all of them (one per key
    after a GROUP BY), a subquery's WHERE and HAVING what the defaults give them."""
    if isinstance(item, ast.RangeSubselect):
        q = item.subquery
        if not isinstance(q, ast.SelectStmt):
            return 1.0
        out = 1.0
        if q.whereClause is not None:
            est = _DefaultsOnly(_nullable_sides(q.fromClause))
            out *= est.sel_any(q.whereClause)
        if q.havingClause is not None:
            out *= DEFAULT_INEQ_SEL
        return out
    if isinstance(item, ast.JoinExpr):
        return min(_share(item.larg), _share(item.rarg))
    return 1.0


def _bounded_rows(q: Any) -> float | None:
    """The most rows a SELECT can return whatever the tables' sizes: its constant LIMIT, or
    the number of rows of a VALUES list; None when unbounded."""
    if not isinstance(q, ast.SelectStmt):
        return None
    if q.valuesLists:
        return float(len(q.valuesLists))
    lim = q.limitCount
    while isinstance(lim, ast.TypeCast):
        lim = lim.arg
    if isinstance(lim, ast.A_Const) and isinstance(lim.val, ast.Integer):
        return float(lim.val.ival or 0)
    return None


def bounded_source_rows(state: State, table: str, stmt: Any) -> float | None:
    """The most rows of ``table`` an ``UPDATE … FROM src`` / ``DELETE … USING src`` touches
    when ``src`` is a subquery or CTE with a constant LIMIT (or a VALUES list) joined to the
    target by an equality: each of src's at most n rows matches the target's rows with its key
    value — n × rows per value of the target's join column (pg_stats; without them one, the key
    taken to be unique as a batch's is). None when no such bound holds."""
    items = list(getattr(stmt, "fromClause", None) or getattr(stmt, "usingClause", None) or ())
    if len(items) != 1 or stmt.whereClause is None:
        return None
    item = items[0]
    n = _bounded_rows(_item_query(item, _ctes(stmt)))
    if n is None:
        return None
    alias = getattr(stmt.relation, "alias", None)
    est = _Estimator(state, table, frozenset({str(alias.aliasname)} if alias is not None else
                                             set()), defaults=True)
    name = str(item.alias.aliasname) if getattr(item, "alias", None) is not None else \
        str(getattr(item, "relname", ""))
    if not name:
        return None
    keys = [k for t in _terms(stmt.whereClause)
            if (k := _join_key(est, t, {name: name})) is not None]
    if not keys:
        return None
    return n * min(rows_per_key(state, table, mine) for _, mine, _ in keys)


def _alias(rv: Any) -> str:
    """What a table is called in a statement: its alias, else its name."""
    return str(rv.alias.aliasname) if rv.alias is not None else str(rv.relname)


def _nullable_sides(items: Any) -> frozenset[str]:
    """Names (aliases) of the relations on the nullable side of a LEFT/RIGHT JOIN in a FROM."""
    out: set[str] = set()

    def name(node: Any) -> str | None:
        if isinstance(node, ast.RangeVar):
            return _alias(node)
        if isinstance(node, ast.RangeSubselect) and node.alias is not None:
            return str(node.alias.aliasname)
        return None

    def walk(node: Any) -> None:
        if isinstance(node, ast.JoinExpr):
            walk(node.larg)
            walk(node.rarg)
            side = node.rarg if node.jointype == enums.JoinType.JOIN_LEFT else \
                node.larg if node.jointype == enums.JoinType.JOIN_RIGHT else None
            n = name(side) if side is not None else None
            if n:
                out.add(n)

    for item in items or ():
        walk(item)
    return frozenset(out)


class _DefaultsOnly:
    """Selectivity by the planner's defaults alone, for a relation the linter has no name for.
    ``IS NULL`` on the nullable side of an outer join is an anti-join ("rows without a match"),
    which the planner estimates from the join keys' distinct counts (eqjoinsel_semi): with
    equal (default) counts every row has its match, so it supplies next to nothing."""

    def __init__(self, nullable: frozenset[str] = frozenset()):
        self.nullable = nullable

    def sel_any(self, e: Any) -> float:
        if isinstance(e, ast.BoolExpr):
            parts = [self.sel_any(a) for a in e.args or ()]
            if e.boolop == enums.BoolExprType.NOT_EXPR:
                return 1.0 - parts[0]
            out = 1.0 if e.boolop == enums.BoolExprType.AND_EXPR else 0.0
            for p in parts:
                out = out * p if e.boolop == enums.BoolExprType.AND_EXPR else out + p - out * p
            return out
        if isinstance(e, ast.NullTest):
            is_null = e.nulltesttype == enums.NullTestType.IS_NULL
            fields = [str(f.sval) for f in getattr(e.arg, "fields", None) or ()
                      if isinstance(f, ast.String)]
            if is_null and len(fields) >= 2 and fields[-2] in self.nullable:
                return 0.0  # an anti-join
            return DEFAULT_EQ_SEL if is_null else 1.0 - DEFAULT_EQ_SEL
        if isinstance(e, ast.A_Expr):
            op = str(e.name[-1].sval) if e.name else ""
            if e.kind == enums.A_Expr_Kind.AEXPR_OP and op in ("<", "<=", ">", ">="):
                return DEFAULT_INEQ_SEL
            if e.kind == enums.A_Expr_Kind.AEXPR_OP and op in ("<>", "!="):
                return 1.0 - DEFAULT_EQ_SEL
            if e.kind == enums.A_Expr_Kind.AEXPR_BETWEEN:
                return DEFAULT_RANGE_INEQ_SEL
            return DEFAULT_EQ_SEL
        return DEFAULT_BOOL_SEL


def _relations(items: Any) -> dict[str, str]:
    """Name or alias -> table of every plain table in a FROM/USING list (joins walked)."""
    from pgwarden.analyzers.lint.model import relname

    out: dict[str, str] = {}

    def walk(node: Any) -> None:
        if isinstance(node, ast.RangeVar):
            out[_alias(node)] = relname(node)
        elif isinstance(node, ast.JoinExpr):
            walk(node.larg)
            walk(node.rarg)

    for item in items or ():
        walk(item)
    return out


def _qualifiers(term: Any) -> set[str]:
    """The relation names (aliases) the qualified columns of ``term`` name."""
    out: set[str] = set()
    for c in _columns_in(term):
        if _inside_sublink(term, c):
            continue
        fields = [str(f.sval) for f in c.fields or () if isinstance(f, ast.String)]
        out.add(fields[-2] if len(fields) >= 2 else "")
    return out


def distinct_values(state: State, table: str, column: str) -> float | None:
    """The number of distinct values of ``table.column`` by ``pg_stats`` (n_distinct, negative:
    a fraction of the rows), None without statistics or a size."""
    cs = state.stats.columns.get((table, column))
    size = state.stats.sizes.get(table)
    if cs is None or cs.n_distinct == 0:
        return None
    if cs.n_distinct > 0:
        return cs.n_distinct
    if size is None or size.rows is None:
        return None
    return -cs.n_distinct * size.rows


def touched_fraction(state: State, table: str, stmt: Any) -> float | None:
    """The share of ``table``'s rows an UPDATE/DELETE ``stmt`` touches, or None when the WHERE
    cannot be estimated (then it is taken to be a batch). With the catalog's statistics the
    planner's formulas; without them (or for a column without statistics) the planner's
    defaults. A join (``UPDATE … FROM``, ``DELETE … USING``) touches the target rows that have a
    match: the target's own clauses times the share of rows the other side supplies. A
    restriction on a joined table is estimated from that table's own statistics, as the
    planner does for each base relation; an equality join to it (``t.x = o.y``) matches, by the
    planner's join formula (eqjoinsel without common values), rows(o) × sel(o) / max(nd(t.x),
    nd(o.y)) of the target's rows — each target row its match when o.y is o's key."""
    alias = getattr(stmt.relation, "alias", None)
    names = frozenset({str(alias.aliasname)} if alias is not None else set())
    est = _Estimator(state, table, names, defaults=True)
    others = list(getattr(stmt, "fromClause", None) or getattr(stmt, "usingClause", None) or ())
    if stmt.whereClause is None:
        return 1.0 if not others else min(_share(i) for i in others)
    joined = _relations(others)
    restrict: dict[str, float] = {}  # joined relation -> selectivity of its own restrictions
    keys: dict[str, list[tuple[str, str]]] = {}  # joined relation -> [(target col, its col)]
    frac = 1.0
    for term in _terms(stmt.whereClause):
        if others and est.foreign(term):
            own = [c for c in _columns_in(term) if est.own(c) is not None]
            quals = _qualifiers(term) - {""}
            rel = next(iter(quals)) if len(quals) == 1 and not own else None
            if rel is not None and rel in joined:
                s = _Estimator(state, joined[rel], frozenset({rel}), defaults=True).sel(term)
                restrict[rel] = restrict.get(rel, 1.0) * (
                    s if s is not None else _DefaultsOnly().sel_any(term))
            elif not own:  # a restriction on the other side alone: narrows what it supplies
                frac *= _DefaultsOnly().sel_any(term)
            else:
                pair = _join_key(est, term, joined)
                if pair is not None:
                    keys.setdefault(pair[0], []).append(pair[1:])
            continue  # a join condition: every target row may have its match
        s = _in_subquery_share(state, est, term) if isinstance(term, ast.SubLink) \
            else est.sel(term)
        if s is None:
            return None
        frac *= s
    for rel, sel in restrict.items():
        frac *= _join_share(state, table, joined[rel], sel, keys.get(rel, []))
    if others:
        frac *= min(_share(i) for i in others)
    return frac


def _self_subquery_share(state: State, est: _Estimator, col: str, q: Any) -> float | None:
    """``col IN (SELECT col FROM <the target table> WHERE w)``, ungrouped and without LIMIT:
    the target's rows ``w`` keeps, as ``WHERE w`` on the target would (an ORM's delete through
    a subquery of its own table is that statement). None for any other ungrouped subquery
    (taken to be a batch, as before) or a ``w`` no estimate covers."""
    found = _one_column_subquery(q)
    if found is None or found[0] != est.table or found[2] != col or q.distinctClause:
        return None
    if q.whereClause is None:
        return 1.0
    return _Estimator(state, est.table, frozenset({found[1]}), defaults=True).sel(q.whereClause)


def _one_column_subquery(q: Any) -> tuple[str, str, str] | None:
    """(relation, alias, column) of ``SELECT [alias.]column FROM relation [alias] [WHERE …]
    [GROUP BY …] [HAVING …]`` whose conditions name only that relation; None for an expression,
    another relation's column, a join or a correlated subquery."""
    from pgwarden.analyzers.lint.model import relname

    items, targets = tuple(q.fromClause or ()), tuple(q.targetList or ())
    if len(items) != 1 or not isinstance(items[0], ast.RangeVar) or len(targets) != 1:
        return None
    alias = _alias(items[0])
    out = targets[0].val
    fields = [str(f.sval) for f in getattr(out, "fields", None) or () if isinstance(f, ast.String)]
    refs = [r for part in (q.whereClause, q.havingClause) if part is not None
            for r in _columns_in(part)]
    quals = {str(f.sval) for r in refs for f in (r.fields or ())[:-1] if isinstance(f, ast.String)}
    if not isinstance(out, ast.ColumnRef) or len(fields) not in (1, 2) or \
            (len(fields) == 2 and fields[0] != alias) or quals - {alias}:
        return None
    return relname(items[0]), alias, fields[-1]


def _in_subquery_share(state: State, est: _Estimator, term: Any) -> float | None:
    """The share of the target's rows ``col IN (SELECT c FROM t [WHERE …] GROUP BY …
    [HAVING …])`` keeps, by the planner's semi-join formula (eqjoinsel_semi: the distinct
    values the subquery supplies over the target column's), None when it is not such a term or
    a figure is missing (then the statement is taken to be a batch, as before). The subquery's
    values: t.c's distinct count, no more than the rows its WHERE keeps (its own statistics,
    else the defaults), times what a HAVING keeps of the groups (the planner's defaults: the
    same figure ``UPDATE … FROM (SELECT … GROUP BY … HAVING …)`` gets). A LIMIT (a batch), a
    join, a correlated or set-returning subquery: None. An ungrouped subquery of the target's
    own table is its WHERE (``_self_subquery_share``); of another table it stays taken to be a
    batch (sized the same way it flags row locks on a subset the writers may not touch,
    docs/benchmarks.md, "Round 8")."""
    if term.subLinkType != enums.SubLinkType.ANY_SUBLINK or not isinstance(
            term.testexpr, ast.ColumnRef) or term.operName and \
            str(term.operName[-1].sval) != "=":
        return None
    col = est.own(term.testexpr)
    q = term.subselect
    if col is not None and isinstance(q, ast.SelectStmt) and not q.groupClause \
            and q.limitCount is None and q.op == enums.SetOperation.SETOP_NONE:
        return _self_subquery_share(state, est, col, q)
    if col is None or not isinstance(q, ast.SelectStmt) or not q.groupClause or \
            q.limitCount is not None or \
            q.op != enums.SetOperation.SETOP_NONE:
        return None
    found = _one_column_subquery(q)
    if found is None:
        return None  # an expression, another relation's column, or a correlated subquery
    other, alias, column = found
    size = state.stats.sizes.get(other)
    nd_in, nd_target = distinct_values(state, other, column), distinct_values(state, est.table, col)
    if size is None or size.rows is None or not nd_in or not nd_target:
        return None
    rows = size.rows
    if q.whereClause is not None:
        sel = _Estimator(state, other, frozenset({alias}), defaults=True).sel(q.whereClause)
        rows *= sel if sel is not None else _DefaultsOnly().sel_any(q.whereClause)
    values = min(nd_in, rows)
    if q.havingClause is not None:
        values *= _DefaultsOnly().sel_any(q.havingClause)
    return min(values / nd_target, 1.0)


def _join_key(est: _Estimator, term: Any, joined: dict[str, str]) -> tuple[str, str, str] | None:
    """(joined relation, target column, its column) of an equality ``t.x = o.y``, else None."""
    if not isinstance(term, ast.A_Expr) or term.kind != enums.A_Expr_Kind.AEXPR_OP or \
            not term.name or str(term.name[-1].sval) != "=":
        return None
    sides: list[Any] = [term.lexpr, term.rexpr]
    if not all(isinstance(x, ast.ColumnRef) for x in sides):
        return None
    for mine, theirs in (sides, sides[::-1]):
        col = est.own(mine)
        fields = [str(f.sval) for f in theirs.fields or () if isinstance(f, ast.String)]
        if col is not None and len(fields) >= 2 and fields[-2] in joined and \
                est.own(theirs) is None:
            return fields[-2], col, fields[-1]
    return None


def _join_share(state: State, table: str, other: str, sel: float,
                keys: list[tuple[str, str]]) -> float:
    """The share of the target's rows that match the restricted rows of ``other``: by the
    planner's equality-join formula when both key columns have statistics, else the share of
    ``other``'s rows its restrictions keep (each target row taken to have one match)."""
    size = state.stats.sizes.get(other)
    for mine, theirs in keys:
        nd_t, nd_o = distinct_values(state, table, mine), distinct_values(state, other, theirs)
        if nd_t and nd_o and size is not None and size.rows is not None:
            return min(1.0, size.rows * sel / max(nd_t, nd_o))
    return sel


def matched_rows(state: State, table: str, where: Any) -> float | None:
    """Rows of ``table`` the WHERE clause ``where`` matches by the statistics, or None."""
    est = _Estimator(state, table)
    if est.rows is None:
        return None
    s = est.sel(where)
    return None if s is None else s * est.rows


# ---------------------------------------------------------------- batches of a PL/pgSQL loop

# rows per key value of the column a batch's key range walks, without statistics: the key is
# taken to be unique (a primary key, what a batched backfill walks), one row per value
DEFAULT_ROWS_PER_KEY = 1.0


def rows_per_key(state: State, table: str, column: str) -> float:
    """Rows per distinct value of ``table.column``: the table's rows over ``pg_stats``'
    n_distinct, else DEFAULT_ROWS_PER_KEY."""
    size = state.stats.sizes.get(table)
    nd = distinct_values(state, table, column)
    if size is None or size.rows is None or not nd:
        return DEFAULT_ROWS_PER_KEY
    return max(size.rows / nd, 1.0)


@dataclass(frozen=True)
class Batch:
    """What one pass of a loop's UPDATE/DELETE touches: ``rows`` (None when its WHERE holds no
    key range or LIMIT the linter can size), the key ``column`` it walks and ``width`` (key
    values per pass), and ``rest``: the share of the rows the WHERE's other terms keep."""

    rows: float | None
    column: str | None
    width: float | None
    rest: float


def _limit(node: Any) -> float | None:
    """The constant LIMIT of a subquery inside ``node`` (``id IN (SELECT … LIMIT n)``)."""
    from pglast.visitors import Visitor

    found: list[float] = []

    class _V(Visitor):
        def visit_SelectStmt(self, ancestors: Any, n: Any) -> None:
            lim = n.limitCount
            while isinstance(lim, ast.TypeCast):
                lim = lim.arg
            if isinstance(lim, ast.A_Const) and isinstance(lim.val, ast.Integer):
                found.append(float(lim.val.ival or 0))

    _V()(node)
    return min(found) if found else None


def batch_of(state: State, table: str, stmt: Any, body: Any) -> Batch:
    """One pass of a PL/pgSQL loop's UPDATE/DELETE ``stmt`` on ``table``: the key range its
    WHERE walks (``key > lo AND key <= lo + n``, ``BETWEEN``, with ``body``'s variables
    resolved: sizes.plpgsql.Body) or a ``LIMIT n`` in it, times the rows per key value, times
    what its other terms keep (the planner's estimate; a term reading a variable keeps all)."""
    alias = getattr(stmt.relation, "alias", None)
    names = frozenset({str(alias.aliasname)} if alias is not None else set())
    est = _Estimator(state, table, names, defaults=True)
    variables: set[str] = body.variables
    bounds: dict[str, dict[str, tuple[tuple[str | None, float, float], bool]]] = {}
    limit: tuple[str | None, float] | None = None
    rest = 1.0
    flip = {"<": ">", ">": "<", "<=": ">=", ">=": "<="}

    def column(node: Any) -> str | None:
        if not isinstance(node, ast.ColumnRef):
            return None
        fields = [str(f.sval) for f in node.fields or () if isinstance(f, ast.String)]
        if len(fields) == 1 and fields[0] in variables:
            return None
        return est.own(node)

    for term in _terms(stmt.whereClause) if stmt.whereClause is not None else ():
        if isinstance(term, ast.A_Expr) and term.kind == enums.A_Expr_Kind.AEXPR_BETWEEN and \
                column(term.lexpr) and isinstance(term.rexpr, list | tuple):
            lo, hi = (body.linear(v) for v in term.rexpr)
            if lo is not None and hi is not None:
                key = str(column(term.lexpr))
                bounds.setdefault(key, {})["lo"] = (lo, True)
                bounds[key]["hi"] = (hi, True)
                continue
        if isinstance(term, ast.A_Expr) and term.kind == enums.A_Expr_Kind.AEXPR_OP and \
                term.name and str(term.name[-1].sval) in flip:
            op = str(term.name[-1].sval)
            col = column(term.lexpr)
            other = term.rexpr
            if col is None:
                col, other, op = column(term.rexpr), term.lexpr, flip[op]
            lin = body.linear(other) if col is not None else None
            if col is not None and lin is not None:
                side = "lo" if op in (">", ">=") else "hi"
                bounds.setdefault(col, {})[side] = (lin, "=" in op)
                continue
        n = _limit(term)
        if n is not None:
            sub = term if isinstance(term, ast.SubLink) else None
            limit = (column(sub.testexpr) if sub is not None else None, n)
            continue
        if column_names(term) & variables:
            continue  # reads a variable: a value the linter does not know; keeps every row
        s = est.sel(term)
        rest *= s if s is not None else 1.0
    for name, b in bounds.items():
        if "lo" not in b or "hi" not in b:
            continue
        (lo_lin, lo_inc), (hi_lin, hi_inc) = b["lo"], b["hi"]
        if lo_lin[0] is None or lo_lin[:2] != hi_lin[:2]:
            continue  # not one moving bound: constants, or two variables
        width = max(hi_lin[2] - lo_lin[2] + (1 if lo_inc and hi_inc else 0)
                    - (1 if not lo_inc and not hi_inc else 0), 1.0)
        return Batch(width * rows_per_key(state, table, name) * rest, name, width, rest)
    if limit is not None:
        limited, n = limit
        per = rows_per_key(state, table, limited) if limited else DEFAULT_ROWS_PER_KEY
        return Batch(n * per, limited, n, 1.0)
    return Batch(None, None, None, rest)


def column_names(node: Any) -> set[str]:
    """The unqualified column names ``node`` reads (sublinks included)."""
    return {str(c.fields[0].sval) for c in _columns_in(node)
            if len(c.fields or ()) == 1 and isinstance(c.fields[0], ast.String)}
