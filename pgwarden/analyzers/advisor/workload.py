"""Phase 1, the workload: the statements to advise for, read from ONE connection.

``read(conn, facts, ...)`` is the seam: it returns a ``Workload`` (statements with their calls,
total time and rows, where they came from, and the constants pg_qualstats saw bound to each
column) from the node ``conn`` is connected to: pg_stat_statements of this database, or a
``--queries`` file. Nothing after this phase reads pg_stat_statements, so a caller that
gathers the workload from several nodes (the primary and its standbys, whose read traffic the
primary's pg_stat_statements never sees) calls ``read`` once per node and passes the result of
``merge`` to ``advise(dsn, workload=...)``, which plans it on the primary: ``merge`` sums the
calls, total time and rows of the same normalised query text across nodes and keeps each
node's share in ``Statement.nodes``; pg_qualstats constants are summed the same way.

Statements pgwarden sends itself (its planning, hypopg calls, the SQL files it ships) and the
demo's own set-up are never part of the workload (``is_own``).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import Any

import pglast
import psycopg
from psycopg.rows import dict_row

from pgwarden import sql as sqlfiles
from pgwarden.db import SETTINGS_ROLE, ServerFacts
from pgwarden.errors import MissingExtension, UsageError

# Statements pgwarden itself sends (its planning and hypopg calls) are recognised by these.
OWN_MARKERS = ("hypopg", "pg_stat_statements", "pg_qualstats", "plan_cache_mode", "pgwarden")


@dataclass(frozen=True)
class Statement:
    """One statement of the workload and how often it ran."""

    query: str
    calls: int = 1
    total_ms: float = 0.0
    mean_ms: float = 0.0
    queryid: int | None = None
    source: str = "pg_stat_statements"
    rows: int = 0
    nodes: tuple[tuple[str, int], ...] = ()  # merged workloads: (node, calls) per node
    # the statement as the application wrote it, its own constants in place of the $n that
    # pg_stat_statements wrote for them (``with_literals``); None when not known
    example: str | None = None

    @property
    def text(self) -> str:
        """What the advisor reads and plans: the example when there is one, else the query."""
        return self.example or self.query


# (queryid, table, column, operator) -> {constant as pg_qualstats prints it: executions}; the
# queryid is pg_stat_statements' (None where pg_qualstats had none)
Constants = dict[tuple[int | None, str, str, str], dict[str, int]]


@dataclass(frozen=True)
class Workload:
    """The statements of one node (or of several, merged), where they came from, and the
    constants pg_qualstats saw bound to each column (empty for a ``--queries`` file)."""

    statements: tuple[Statement, ...]
    source: str
    constants: Constants = field(default_factory=dict)


def read(conn: psycopg.Connection[Any], facts: ServerFacts, *, queries_file: Path | None = None,
         min_calls: int = 1, min_total_ms: float = 0.0, top: int | None = None) -> Workload:
    """The workload as seen from the node ``conn`` is connected to: pg_stat_statements (and
    pg_qualstats' constants where it runs), or the statements of ``queries_file``."""
    if queries_file is not None:
        return Workload(tuple(from_file(queries_file)), f"file {queries_file.name}")
    stmts = from_pg_stat_statements(conn, facts, min_calls=min_calls,
                                    min_total_ms=min_total_ms, top=top)
    examples = qualstats_examples(conn, facts)
    stmts = [with_literals(st, examples.get(st.queryid)) if st.queryid is not None else st
             for st in stmts]
    return Workload(tuple(stmts), "pg_stat_statements", qualstats_constants(conn, facts))


def merge(named: Sequence[tuple[str, Workload]]) -> Workload:
    """One workload from several nodes' (node name, workload): statements with the same
    normalised text are one statement whose calls, total time and rows are the sums, the mean
    time recomputed, and ``nodes`` each node's calls; the order is by total time, heaviest
    first. pg_qualstats constants are summed per (queryid, table, column, operator, constant)."""
    by_text: dict[str, Statement] = {}
    constants: Constants = {}
    for node, w in named:
        for st in w.statements:
            key = " ".join(st.query.split())
            prev = by_text.get(key)
            if prev is None:
                by_text[key] = replace(st, nodes=((node, st.calls),))
                continue
            calls = prev.calls + st.calls
            total = prev.total_ms + st.total_ms
            by_text[key] = replace(prev, calls=calls, total_ms=total, rows=prev.rows + st.rows,
                                   mean_ms=total / calls if calls else 0.0,
                                   nodes=(*prev.nodes, (node, st.calls)),
                                   example=prev.example or st.example)
        for key4, seen in w.constants.items():
            into = constants.setdefault(key4, {})
            for value, n in seen.items():
                into[value] = into.get(value, 0) + n
    ordered = sorted(by_text.values(), key=lambda s: -s.total_ms)
    sources = ", ".join(dict.fromkeys(f"{node}: {w.source}" for node, w in named))
    return Workload(tuple(ordered), sources, constants)


def require_pg_stat_statements(facts: ServerFacts) -> None:
    """Raise (exit 2) with the fix when pg_stat_statements cannot be read here."""
    if facts.pg_stat_statements_unknown:
        grant = f"GRANT {SETTINGS_ROLE} TO {facts.user}"
        if not facts.installed("pg_stat_statements"):
            raise MissingExtension(
                f"extension pg_stat_statements is not installed in database {facts.database!r} "
                f"(and this role may not read shared_preload_libraries: {grant} to let pgwarden "
                "see whether it is preloaded)",
                hint="run: CREATE EXTENSION pg_stat_statements;")
        raise UsageError(
            "pg_stat_statements is created but its view does not answer, so the library is not "
            f"loaded (this role may not read shared_preload_libraries to confirm: {grant})",
            hint="add pg_stat_statements to shared_preload_libraries in postgresql.conf and "
                 "restart the server; or pass --queries FILE")
    if not facts.pg_stat_statements_preloaded:
        raise UsageError(
            "pg_stat_statements is not loaded (shared_preload_libraries lacks it)",
            hint="add pg_stat_statements to shared_preload_libraries in postgresql.conf, restart "
                 "the server, run CREATE EXTENSION pg_stat_statements; or pass --queries FILE")
    if not facts.installed("pg_stat_statements"):
        raise MissingExtension(
            f"extension pg_stat_statements is not installed in database {facts.database!r}",
            hint="run: CREATE EXTENSION pg_stat_statements;")


def from_pg_stat_statements(conn: psycopg.Connection[Any], facts: ServerFacts, *,
                            min_calls: int = 1, min_total_ms: float = 0.0,
                            top: int | None = None) -> list[Statement]:
    """This database's statements, heaviest total time first (column names per version)."""
    require_pg_stat_statements(facts)
    text = sqlfiles.load_for("analyzers/advisor/statements", facts.version_num)
    with conn.cursor(row_factory=dict_row) as cur:
        cur.execute(text, {"min_calls": min_calls, "min_total_ms": min_total_ms, "top": top})
        rows = cur.fetchall()
    return [Statement(r["query"], int(r["calls"]), float(r["total_ms"]), float(r["mean_ms"]),
                      int(r["queryid"]) if r["queryid"] is not None else None,
                      rows=int(r["rows"]))
            for r in rows if not is_own(r["query"])]


def from_file(path: Path) -> list[Statement]:
    """Statements of a SQL file (literals allowed), each counted as one call."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"cannot read --queries file {str(path)!r}: {exc.strerror}") from None
    try:
        parts = pglast.split(text, with_parser=False)
    except pglast.parser.ParseError as exc:
        raise UsageError(f"cannot split {str(path)!r} into statements: {exc}") from None
    return [Statement(p.strip(), source=f"file:{path.name}") for p in parts if p.strip()]


# the pgwarden/sql folder whose statements are the application's: the demo's workload (the
# CMS's hot queries). Everything else pgwarden ships is its own, the demo's set-up included
# (seeding, the write probe, schema backfills): never part of the workload.
APPLICATION_SQL = frozenset({"demo/workload"})


@functools.cache
def _own_headers() -> frozenset[str]:
    """First lines of every SQL file pgwarden ships: pg_stat_statements keeps the comment."""
    heads: set[str] = set()

    def scan(folder: Any, area: str) -> None:
        for entry in folder.iterdir():
            path = f"{area}/{entry.name}" if area else entry.name
            if entry.is_dir() and path not in APPLICATION_SQL:
                scan(entry, path)
            elif entry.name.endswith(".sql"):
                first = entry.read_text(encoding="utf-8").lstrip().split("\n", 1)[0].strip()
                if first.startswith("--") and len(first) > 12:
                    heads.add(first)

    scan(resources.files("pgwarden.sql"), "")
    return frozenset(heads)


def _code(query: str) -> str:
    """``query`` without its comments (pglast's scanner; offsets are UTF-8 byte positions)."""
    import pglast.parser

    try:
        tokens = pglast.parser.scan(query)
    except pglast.parser.ParseError:
        return query
    data = query.encode("utf-8")
    kept, pos = bytearray(), 0
    for token in tokens:
        if token.name in ("SQL_COMMENT", "C_COMMENT"):
            kept += data[pos:token.start]
            pos = token.end + 1
    kept += data[pos:]
    return kept.decode("utf-8", errors="replace")


def is_own(query: str) -> bool:
    """True for statements pgwarden sends itself (planning, hypopg, its SQL files).

    The markers are looked for in the code, not in comments: an application's query whose
    comment mentions pgwarden (or hypopg) is the application's."""
    if query.lstrip().split("\n", 1)[0].strip() in _own_headers():
        return True
    low = _code(query).lower()
    return any(m in low for m in OWN_MARKERS) or low.lstrip().startswith(
        ("explain", "prepare", "deallocate", "execute", "set ", "reset ", "show "))


def qualstats_constants(conn: psycopg.Connection[Any], facts: ServerFacts) -> Constants:
    """(queryid, table, column, operator) -> {constant: executions}, from pg_qualstats when it
    runs here: per statement, so that two statements binding the same column to different
    values (``status = 'pending'``, ``status = 'refunded'``) each keep their own."""
    if not (facts.installed("pg_qualstats") and facts.preloaded("pg_qualstats")):
        return {}
    out: Constants = {}
    with conn.cursor(row_factory=dict_row) as cur:
        try:
            cur.execute(sqlfiles.load("analyzers/advisor/qualstats"))
        except (psycopg.errors.InsufficientPrivilege,
                psycopg.errors.ObjectNotInPrerequisiteState):
            return {}  # not allowed to read it here, or not loaded after all: no constants
        for r in cur.fetchall():
            queryid = int(r["queryid"]) if r["queryid"] is not None else None
            key = (queryid, r["table_name"], r["column_name"], r["operator"].split(".")[-1])
            out.setdefault(key, {})[str(r["constvalue"])] = int(r["executions"])
    return out


def qualstats_examples(conn: psycopg.Connection[Any], facts: ServerFacts) -> dict[int, str]:
    """queryid -> the text of one execution of the statement as the client sent it (its
    literals in place, its bound values still $n), from pg_qualstats when it runs here: it
    keeps one for each statement it sampled."""
    if not (facts.installed("pg_qualstats") and facts.preloaded("pg_qualstats")):
        return {}
    with conn.cursor(row_factory=dict_row) as cur:
        try:
            cur.execute(sqlfiles.load("analyzers/advisor/qualstats_examples"))
        except (psycopg.errors.InsufficientPrivilege, psycopg.errors.UndefinedFunction,
                psycopg.errors.ObjectNotInPrerequisiteState):
            return {}  # not allowed here, a version without examples, or not loaded after all
        return {int(r["queryid"]): str(r["query"]) for r in cur.fetchall()
                if r["queryid"] is not None and r["query"]}


# the scanner's tokens of a literal pg_stat_statements replaces by $n
LITERAL_TOKENS = frozenset({"SCONST", "ICONST", "FCONST", "BCONST", "XCONST", "USCONST",
                            "TRUE_P", "FALSE_P", "NULL_P"})
_SIGNS = frozenset({"ASCII_43", "ASCII_45"})  # + and -: pg_stat_statements takes the sign along


def _tokens(text: str) -> list[tuple[str, str]] | None:
    """(token name, its text) of ``text`` without comments, None when it does not scan."""
    import pglast.parser

    try:
        tokens = pglast.parser.scan(text)
    except pglast.parser.ParseError:
        return None
    data = text.encode("utf-8")
    return [(t.name, data[t.start:t.end + 1].decode("utf-8", errors="replace")) for t in tokens
            if t.name not in ("SQL_COMMENT", "C_COMMENT")]


def with_literals(st: Statement, example: str | None) -> Statement:
    """``st`` with ``example`` as the text the advisor reads, when the example is the same
    statement token for token except where pg_stat_statements wrote a $n for a literal.

    pg_stat_statements replaces every literal by $n, the application's own constants too: a
    function's argument (``right(phone, 9)``), a time zone (``AT TIME ZONE 'Europe/Warsaw'``),
    a jsonb key (``meta->>'arn'``), the status a query always asks for. An index on such an
    expression cannot be read off the normalised text. The example (pg_qualstats'
    ``pg_qualstats_example_queries()``) has them in place; the values the application binds
    stay $n there, under the same numbers. Each $n of the statement must stand for one literal
    (a sign and a number count as one, as pg_stat_statements counts them) and be no number the
    example binds; anything else (another statement under the same queryid, a list
    pg_stat_statements folded, a text it cut) keeps the normalised text."""
    if not example:
        return st
    ours, theirs = _tokens(st.query), _tokens(example)
    if ours is None or theirs is None:
        return st
    bound = {text for name, text in theirs if name == "PARAM"}
    literal: dict[str, str] = {}
    i = j = 0
    while i < len(ours) and j < len(theirs):
        if ours[i] == theirs[j]:
            i, j = i + 1, j + 1
            continue
        name, param = ours[i]
        if name != "PARAM" or param in bound:
            return st
        text = theirs[j][1]
        if theirs[j][0] in _SIGNS and j + 1 < len(theirs) and theirs[j + 1][0] in ("ICONST",
                                                                                   "FCONST"):
            j += 1
            text += theirs[j][1]
        elif theirs[j][0] not in LITERAL_TOKENS:
            return st
        if literal.setdefault(param, text) != text:
            return st
        i, j = i + 1, j + 1
    if i != len(ours) or j != len(theirs) or not literal:
        return st
    return replace(st, example=example)


def constant_text(constvalue: str) -> str | None:
    """The value of a pg_qualstats constant such as ``'failed'::text`` (None if not a literal)."""
    try:
        stmt: Any = pglast.parse_sql(f"SELECT {constvalue}")[0].stmt
    except pglast.parser.ParseError:
        return None
    node = stmt.targetList[0].val
    while type(node).__name__ == "TypeCast":
        node = node.arg
    if type(node).__name__ != "A_Const" or node.isnull:
        return None
    v = node.val
    for attr in ("sval", "ival", "fval", "boolval"):
        if hasattr(v, attr):
            return str(getattr(v, attr))
    return None
