"""Phase 6, cost (helper): planning statements with and without hypothetical indexes (hypopg).

Each statement is planned as a generic plan (``EXPLAIN (GENERIC_PLAN)`` on 16+; on 15
``PREPARE`` + ``plan_cache_mode = force_generic_plan`` + ``EXPLAIN EXECUTE``) and as custom
plans with a common and a rare value drawn from pg_stats, so that skew shows. Prepared
statements carry a name unique to this run and are deallocated one by one (never
``DEALLOCATE ALL``: other code may share a pooled session). ``hypopg_reset()`` always runs
when the session ends.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import psycopg
from psycopg import sql
from psycopg.rows import dict_row

from pgwarden import db
from pgwarden import sql as sqlfiles
from pgwarden.analyzers.advisor.catalog import Table
from pgwarden.analyzers.advisor.parse import ParsedStatement, TableRef

# "date + $6" after pg_stat_statements replaced a constant: the operator is ambiguous for an
# unknown operand (SQLSTATE 42725 "operator is not unique: date + unknown", or 42883 when none
# matches). The operand types end the message in every translation (format_type names are not
# translated), so only that tail is read, never the words before it.
_AMBIGUOUS = re.compile(r"(?:(?P<left>[a-z][a-z ]*?) [-+*/] unknown|unknown [-+*/] (?P<right>[a-z][a-z ]*?))"
                        r"\s*$")
_PARAM = re.compile(r"\$(\d+)")
# pages read to count the share of a comparison of two columns (2.3 MB; all of a smaller table)
SAMPLE_PAGES = 300
_NUMERIC = ("smallint", "integer", "bigint", "numeric", "real", "double precision")


def arithmetic_type(other: str) -> str:
    """The type a constant most likely had next to an ``other``-typed operand of + - * /."""
    if other == "date":
        return "integer"  # date + 1: the day after
    if other.startswith(("timestamp", "time")):
        return "interval"
    if other in _NUMERIC:
        return other
    return "text"


def ambiguous_param(message: str, text: str, position: int | None) -> tuple[int, str] | None:
    """(parameter number, type to declare) when ``message`` (the primary message of an
    ambiguous or undefined operator error) ends with an operator on an unknown operand; the
    parameter is the one next to the error's position in ``text``."""
    m = _AMBIGUOUS.search(message.strip())
    if not m or not position:
        return None
    after = m.group("left") is not None  # "date + unknown": the parameter follows the operator
    other = m.group("left") or m.group("right") or ""
    at = position - 1
    found = (_PARAM.search(text, at) if after else None) or next(
        (p for p in reversed(list(_PARAM.finditer(text, 0, at + 1)))), None)
    if found is None:
        return None
    return int(found.group(1)), arithmetic_type(other.strip())


_DEFAULTS = {"integer": "10", "bigint": "10", "smallint": "10", "numeric": "1",
             "double precision": "1", "real": "1", "interval": "7 days", "boolean": "true",
             "date": "today", "timestamp with time zone": "now",
             "timestamp without time zone": "now", "text": "a", "character varying": "a"}


_FREE_TEXT = ("text", "character varying", "character")


class CannotPlan(Exception):
    """The server refused to plan the statement (the reason is the message)."""


@dataclass(frozen=True)
class Variant:
    label: str  # generic | common | rare
    values: tuple[str | None, ...]


@dataclass(frozen=True)
class BitmapScan:
    """A Bitmap Heap Scan of a plan: its table, the indexes its bitmap reads, and its total cost
    (the index scans under it included)."""

    relation: str
    indexes: frozenset[str]
    cost: float


@dataclass(frozen=True)
class Plan:
    cost: float
    index_names: frozenset[str]
    index_only: frozenset[str] = frozenset()  # indexes read by an Index Only Scan
    bitmaps: tuple[BitmapScan, ...] = ()
    seq_rows: tuple[tuple[str, float], ...] = ()  # (table, rows it keeps) per Seq Scan
    # (table, the node's total cost) per scan of a table: Seq, Index, Index Only, Bitmap Heap
    scan_costs: tuple[tuple[str, float], ...] = ()


_TABLE_SCANS = ("Seq Scan", "Index Scan", "Index Only Scan", "Bitmap Heap Scan")


def _nodes(node: Any) -> Iterator[dict[str, Any]]:
    """Every node of a JSON plan (or of a list of plans), each once, parents first."""
    if isinstance(node, dict):
        if "Node Type" in node:
            yield node
        for v in node.values():
            yield from _nodes(v)
    elif isinstance(node, list):
        for v in node:
            yield from _nodes(v)


def _scans(node: Any) -> Iterator[tuple[str, str]]:
    """(node type, index name) of every index scan in a JSON plan."""
    return ((str(n.get("Node Type", "")), str(n["Index Name"])) for n in _nodes(node)
            if "Index Name" in n)


def _plan(root: Any) -> Plan:
    scans = list(_scans(root))
    nodes = list(_nodes(root))
    bitmaps = tuple(BitmapScan(str(n.get("Relation Name", "")),
                               frozenset(name for _, name in _scans(n.get("Plans", []))),
                               float(n["Total Cost"]))
                    for n in nodes if n["Node Type"] == "Bitmap Heap Scan")
    seq_rows = tuple((str(n.get("Relation Name", "")), float(n.get("Plan Rows", 0.0)))
                     for n in nodes if n["Node Type"] == "Seq Scan")
    scan_costs = tuple((str(n["Relation Name"]), float(n.get("Total Cost", 0.0)))
                       for n in nodes if n["Node Type"] in _TABLE_SCANS and "Relation Name" in n)
    return Plan(float(root["Total Cost"]), frozenset(name for _, name in scans),
                frozenset(name for kind, name in scans if kind == "Index Only Scan"),
                bitmaps, seq_rows, scan_costs)


class WhatIf:
    """A dedicated session for planning; use as a context manager."""

    def __init__(self, dsn: str, version_num: int, *, use_hypopg: bool,
                 application_name: str = "pgwarden advise (planning)"):
        self.version_num = version_num
        self.use_hypopg = use_hypopg
        self.token = uuid.uuid4().hex[:10]
        self.counter = 0
        self.conn = db.connect(dsn, application_name=application_name,
                               timeouts=db.Timeouts(lock_timeout=1.0, statement_timeout=30.0),
                               row_factory=dict_row)
        self.conn.prepare_threshold = None  # no psycopg-prepared statements on this session
        self.prepared: dict[str, str] = {}  # statement text -> our prepared statement's name
        self._shares: dict[tuple[str, str, str], tuple[float, int] | None] = {}
        try:  # keep the advisor's own EXPLAINs out of pg_stat_statements (superuser only)
            self.conn.execute("SET pg_stat_statements.track = 'none'")
        except psycopg.errors.InsufficientPrivilege:
            pass  # they are recognised and left out of the workload instead (workload.is_own)
        # custom plans are planned at every EXECUTE, so they see hypothetical indexes created
        # after the PREPARE; a generic plan would be cached, so it is prepared afresh each time
        self.conn.execute("SET plan_cache_mode = force_custom_plan")

    def __enter__(self) -> WhatIf:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        try:
            for name in self.prepared.values():
                self._deallocate(name)
            if self.use_hypopg and not self.conn.closed:
                self.conn.execute(sqlfiles.load("analyzers/advisor/hypopg_reset"))
        except psycopg.Error:
            pass
        finally:
            self.conn.close()

    # -- planning ---------------------------------------------------------------------------

    def _refused(self, exc: psycopg.Error) -> bool:
        """The server answered with an error (a SQLSTATE) on a working connection: the
        statement cannot be planned. A lost connection is not that, and propagates."""
        return exc.sqlstate is not None and not self.conn.broken

    def _explain(self, query: sql.Composable) -> Plan:
        row = self.conn.execute(sql.SQL("EXPLAIN (FORMAT JSON) {}").format(query)).fetchone()
        assert row is not None
        return _plan(next(iter(row.values()))[0]["Plan"])

    def _prepare(self, text: str, types: tuple[str, ...]) -> tuple[str, tuple[str, ...]]:
        """PREPARE under a fresh unique name; returns it and the parameter types the server chose.

        A parameter the server cannot type is declared ``text``, one in ambiguous arithmetic
        (``date + unknown``) the type the other operand implies, and the PREPARE retried."""
        self.counter += 1
        name = f"pgwarden_adv_{self.token}_{self.counter}"
        declared = list(types)
        for _ in range(20):
            decl: sql.Composable = sql.SQL("")
            if declared:
                decl = sql.SQL("({})").format(sql.SQL(", ").join(
                    sql.SQL(t) for t in declared))
            stmt = sql.SQL("PREPARE {}{} AS {}").format(sql.Identifier(name), decl, sql.SQL(text))
            try:
                self.conn.execute(stmt)
            except psycopg.Error as exc:
                hit = self._untyped(exc, stmt.as_string(self.conn))
                if hit is None or (hit[0] <= len(declared) and declared[hit[0] - 1] == hit[1]):
                    if not self._refused(exc):
                        raise
                    raise CannotPlan(db.one_line(str(exc))) from None
                k, typ = hit
                declared += ["unknown"] * (k - len(declared))
                declared[k - 1] = typ
                continue
            row = self.conn.execute(sqlfiles.load("analyzers/advisor/prepared_types"),
                                    {"name": name}).fetchone()
            return name, tuple(row["t"] if row else ())
        raise CannotPlan("could not type the statement's parameters")

    @staticmethod
    def _untyped(exc: psycopg.Error, text: str) -> tuple[int, str] | None:
        """(parameter number, type to declare) when PREPARE failed for a parameter's type:
        SQLSTATE 42P18 names the parameter it could not type (``$n``: the placeholder is kept
        in every translation), declared ``text``; 42725/42883 is an operator on an unknown
        operand (``ambiguous_param``). None for any other error."""
        primary = exc.diag.message_primary or ""
        if isinstance(exc, psycopg.errors.IndeterminateDatatype):
            m = _PARAM.search(primary)
            return (int(m.group(1)), "text") if m else None
        if isinstance(exc, psycopg.errors.AmbiguousFunction | psycopg.errors.UndefinedFunction):
            pos = exc.diag.statement_position
            return ambiguous_param(primary, text, int(pos) if pos else None)
        return None

    def _deallocate(self, name: str) -> None:
        try:
            self.conn.execute(sql.SQL("DEALLOCATE {}").format(sql.Identifier(name)))
        except psycopg.errors.InvalidSqlStatementName:
            pass  # already gone

    def param_types(self, stmt: ParsedStatement) -> tuple[str, ...]:
        """The parameter types the server gives the statement (it stays prepared for the
        custom plans until the session ends)."""
        if stmt.n_params == 0:
            return ()
        name, types = self._prepare(stmt.text, ())
        self.prepared[stmt.text] = name
        return types

    def plan(self, stmt: ParsedStatement, variant: Variant, types: tuple[str, ...]) -> Plan:
        """Plan one variant (generic or with values) of a statement."""
        try:
            if stmt.n_params == 0:
                return self._explain(sql.SQL(stmt.text))
            if variant.label == "generic" and self.version_num >= 160000:
                row = self.conn.execute(sql.SQL("EXPLAIN (GENERIC_PLAN, FORMAT JSON) {}").format(
                    sql.SQL(stmt.text))).fetchone()
                assert row is not None
                return _plan(next(iter(row.values()))[0]["Plan"])
            if variant.label == "generic":  # PostgreSQL 15: PREPARE + force_generic_plan
                self.conn.execute("SET plan_cache_mode = force_generic_plan")
                name, _ = self._prepare(stmt.text, types)
                try:
                    return self._explain(self._call(name, variant))
                finally:
                    self._deallocate(name)
                    self.conn.execute("SET plan_cache_mode = force_custom_plan")
            name = self.prepared.get(stmt.text) or self._prepare(stmt.text, types)[0]
            self.prepared[stmt.text] = name
            return self._explain(self._call(name, variant))
        except psycopg.Error as exc:
            if not self._refused(exc):
                raise
            raise CannotPlan(db.one_line(str(exc))) from None

    def plan_literals(self, texts: list[str]) -> list[Plan | None]:
        """Plans of statements that carry their values, sent in one pipeline (one round trip
        instead of one each); None for a statement the server cannot plan."""
        if not texts:
            return []
        try:
            with self.conn.pipeline():
                curs = [self.conn.execute(sql.SQL("EXPLAIN (FORMAT JSON) {}").format(sql.SQL(t)))
                        for t in texts]
            out: list[Plan | None] = []
            for cur in curs:
                row = cur.fetchone()
                assert row is not None
                out.append(_plan(next(iter(row.values()))[0]["Plan"]))
            return out
        except psycopg.Error as exc:  # one statement failed and aborted the pipeline
            if not self._refused(exc):
                raise
        plans: list[Plan | None] = []  # one at a time, to tell which
        for t in texts:
            try:
                plans.append(self._explain(sql.SQL(t)))
            except psycopg.Error as exc:
                if not self._refused(exc):
                    raise
                plans.append(None)
        return plans

    @staticmethod
    def _call(name: str, variant: Variant) -> sql.Composable:
        call: sql.Composable = sql.SQL("EXECUTE {}").format(sql.Identifier(name))
        if variant.values:
            args = sql.SQL(", ").join(
                sql.Literal(v) if v is not None else sql.SQL("NULL") for v in variant.values)
            call = sql.SQL("{}({})").format(call, args)
        return call

    def predicate_rows(self, schema: str, table: str, predicate: str) -> float | None:
        """The planner's estimate of the rows of ``schema.table`` that ``predicate`` (a
        candidate's WHERE, composed of identifiers and literals) keeps; None when the server
        cannot plan it."""
        query = sql.SQL(sqlfiles.load("analyzers/advisor/predicate_rows")).format(
            table=sql.Identifier(schema, table), predicate=sql.SQL(predicate))
        try:
            row = self.conn.execute(sql.SQL("EXPLAIN (FORMAT JSON) {}").format(query)).fetchone()
        except psycopg.Error as exc:
            if not self._refused(exc):
                raise
            return None
        assert row is not None
        return float(next(iter(row.values()))[0]["Plan"]["Plan Rows"])

    def sample_share(self, schema: str, table: str, predicate: str, pages: float
                     ) -> tuple[float, int] | None:
        """The share of the rows of ``schema.table`` (``pages`` pages) that ``predicate`` keeps,
        counted on a sample of about ``SAMPLE_PAGES`` of its pages (all of a smaller table), and
        the rows seen; None when the server refuses (a lock held past lock_timeout, no
        privilege) or the sample holds no row. Each (table, predicate) is counted once."""
        key = (schema, table, predicate)
        if key not in self._shares:
            percent = min(100.0, 100.0 * SAMPLE_PAGES / max(pages, 1.0))
            query = sql.SQL(sqlfiles.load("analyzers/advisor/sample_share")).format(
                table=sql.Identifier(schema, table), predicate=sql.SQL(predicate),
                percent=sql.Literal(round(percent, 4)))
            try:
                row = self.conn.execute(query).fetchone()
            except psycopg.Error as exc:
                if not self._refused(exc):
                    raise
                row = None
            self._shares[key] = (row["kept"] / row["seen"], int(row["seen"])) \
                if row is not None and row["seen"] else None
        return self._shares[key]

    # -- hypothetical indexes ------------------------------------------------------------------

    @contextmanager
    def hypothetical(self, ddl: str) -> Iterator[tuple[str, int]]:
        """A hypothetical index for the duration of the block: (its name, estimated bytes)."""
        oid, name, size = self.create_hypothetical(ddl)
        try:
            yield name, size
        finally:
            self.drop_hypothetical(oid)

    def create_hypothetical(self, ddl: str) -> tuple[int, str, int]:
        """A hypothetical index until ``drop_hypothetical`` (or the session's reset):
        (its oid, its name, estimated bytes)."""
        row = self.conn.execute(sqlfiles.load("analyzers/advisor/hypopg_create"), {"ddl": ddl}).fetchone()
        assert row is not None
        return int(row["indexrelid"]), str(row["indexname"]), int(row["bytes"])

    def drop_hypothetical(self, oid: int) -> None:
        self.conn.execute(sqlfiles.load("analyzers/advisor/hypopg_drop"), {"oid": oid})


def variants(stmt: ParsedStatement, types: tuple[str, ...],
             tables: Mapping[TableRef, Table]) -> list[Variant]:
    """The generic plan plus a common and a rare value per column-bound parameter."""
    n = len(types)
    if n == 0:
        return [Variant("literal", ())]  # the statement carries its values: one plan
    common: list[str | None] = [None] * n
    rare: list[str | None] = [None] * n
    for use in stmt.uses:
        table = tables.get(use.table)
        if table is None:
            continue
        for p in use.predicates:
            col = table.columns.get(p.column)
            if col is None or not p.params:
                continue
            c, r = col.representative()
            if p.constant is not None:  # the value pg_qualstats saw nearly every time
                c = r = p.constant
                if p.kind == "contains":  # `payload ? $1`: the key as seen, whatever its type
                    for k in p.params:
                        if 1 <= k <= n and common[k - 1] is None:
                            common[k - 1] = rare[k - 1] = c
                    continue
            for k in p.params:
                bound = types[k - 1].removesuffix("[]") if 1 <= k <= n else ""
                if p.kind not in ("infix", "prefix") and bound != col.data_type.split("(")[0]:
                    continue  # e.g. the interval in `created_at > now() - $1`
                if 1 <= k <= n and common[k - 1] is None:
                    common[k - 1], rare[k - 1] = _shape(c, p.kind, types[k - 1]), _shape(
                        r, p.kind, types[k - 1])
    # A parameter seen bound to one value (pg_qualstats) is planned with that value only: the
    # plan cache keeps custom plans when they are much cheaper than the generic one, which is
    # the case a partial index on that value creates.
    observed = any(p.constant is not None and p.params for u in stmt.uses for p in u.predicates)
    out = [] if observed else [Variant("generic", tuple(None for _ in types))]
    if not observed and all(v is None for v in common) and any(
            t.split("(")[0] in _FREE_TEXT for t in types):
        # no parameter compares with a column, and one is free text (a search box): a made-up
        # text describes nothing (an empty text search costs nothing), so the generic plan
        # alone stands for the statement; a made-up interval (7 days) or LIMIT (10) is neutral
        return out
    filled_c = tuple(v if v is not None else _default(t) for v, t in zip(common, types, strict=True))
    filled_r = tuple(v if v is not None else _default(t) for v, t in zip(rare, types, strict=True))
    out.append(Variant("common", filled_c))
    if filled_r != filled_c:
        out.append(Variant("rare", filled_r))
    return out


def _default(typ: str) -> str | None:
    if typ.endswith("[]"):
        return "{}"
    base = typ.split("(")[0]
    return _DEFAULTS.get(base)


def _shape(value: str | None, kind: str, typ: str) -> str | None:
    if value is None:
        return None
    if kind == "infix":
        return f"%{value[:4]}%"
    if kind == "prefix":
        return f"{value[:4]}%"
    if typ.endswith("[]"):
        return "{" + '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"' + "}"
    return value
