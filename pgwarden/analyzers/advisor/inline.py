"""Phase 2, inline: seeing through SQL functions, as the planner does.

PostgreSQL inlines a set-returning ``LANGUAGE sql`` function called in ``FROM`` into the calling
query: its body becomes a sub-query with the call's arguments in place of the parameters, and
the planner sees the body's tables, predicates and ``ORDER BY … LIMIT`` (and can use their
indexes). pg_stat_statements records only the call (``SELECT … FROM workshop_search($1, $2,
$3)``): no statement names the tables the body reads, so an advisor reading the text alone sees
a table-less query. Here the call is replaced by the body the same way, so the advisor reads and
plans what the server runs.

Only the functions the server would inline are expanded (``inline_set_returning_function``: not
STRICT, not VOLATILE, not SECURITY DEFINER, no SET clause, a single SELECT as body), never a call
``WITH ORDINALITY``, in ``ROWS FROM``, with a column definition list, or one the advisor cannot
match to exactly one function (overloads are the server's to resolve). Each argument is cast
to the parameter's declared type, as the call's coercion does; a name in the body that is both a
column of the tables it reads and a parameter is the column, as in SQL functions.
"""

from __future__ import annotations

import copy
import functools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pglast
import psycopg
from pglast import ast
from pglast.stream import RawStream
from pglast.visitors import Visitor
from psycopg.rows import dict_row

from pgwarden import sql as sqlfiles
from pgwarden.analyzers.advisor.repair import walk

MAX_DEPTH = 4  # a body calling another inlinable function: expanded this many levels deep


@dataclass(frozen=True)
class SqlFunction:
    """An inlinable SQL function: its input parameters, output columns and parsed body."""

    schema: str
    name: str
    arg_names: tuple[str, ...]  # the input parameters ('' when unnamed)
    arg_types: tuple[str, ...]
    defaults: tuple[Any, ...]  # default expressions (AST) of the last len(defaults) inputs
    out_names: tuple[str, ...]  # RETURNS TABLE / OUT columns (empty for SETOF a type)
    body: Any  # ast.SelectStmt
    columns: frozenset[str]  # columns of the relations the body reads (they win over parameters)
    path_pos: int | None  # position of its schema in search_path (None: off the path)


def _parse_select(text: str) -> Any | None:
    try:
        stmts = pglast.parse_sql(text)
    except pglast.parser.ParseError:
        return None
    if len(stmts) != 1 or not isinstance(stmts[0].stmt, ast.SelectStmt):
        return None
    return stmts[0].stmt


def _funcname(call: Any) -> tuple[str | None, str]:
    names = [str(n.sval) for n in call.funcname if isinstance(n, ast.String)]
    return (names[-2] if len(names) > 1 else None), names[-1]


def _inlinable_form(n: Any) -> bool:
    """A RangeFunction the server may inline by its form: one plain function call, without
    ORDINALITY, ROWS FROM or a column definition list."""
    if not isinstance(n, ast.RangeFunction) or n.ordinality or n.is_rowsfrom or n.coldeflist:
        return False
    functions: tuple[Any, ...] = n.functions or ()
    return len(functions) == 1 and isinstance(functions[0][0], ast.FuncCall) and not functions[0][1]


def _calls(stmt: Any) -> list[Any]:
    """The RangeFunction items of ``stmt`` that can be inlined by their form."""
    return [n for n in walk(stmt) if _inlinable_form(n)]


def called_names(texts: Iterable[str]) -> set[str]:
    """Names of the functions called in FROM by any of the statements (unparsable ones skipped)."""
    names: set[str] = set()
    for text in texts:
        try:
            stmts = pglast.parse_sql(text)
        except pglast.parser.ParseError:
            continue
        for raw in stmts:
            names.update(_funcname(rf.functions[0][0])[1] for rf in _calls(raw.stmt))
    return names


def load(conn: psycopg.Connection[Any], names: Iterable[str]) -> dict[str, list[SqlFunction]]:
    """The inlinable SQL functions with these names, by name (overloads in search_path order),
    and those their bodies call in FROM (``MAX_DEPTH`` levels)."""
    out: dict[str, list[SqlFunction]] = {}
    wanted = set(names)
    seen: set[str] = set()
    for _ in range(MAX_DEPTH):
        wanted -= seen
        if not wanted:
            break
        seen |= wanted
        found = _load(conn, sorted(wanted))
        out.update(found)
        wanted = {_funcname(rf.functions[0][0])[1]
                  for fns in found.values() for fn in fns for rf in _calls(fn.body)}
    return out


def _load(conn: psycopg.Connection[Any], wanted: list[str]) -> dict[str, list[SqlFunction]]:
    out: dict[str, list[SqlFunction]] = {}
    with conn.cursor(row_factory=dict_row) as cur:
        rows = cur.execute(sqlfiles.load("analyzers/advisor/sql_functions"), {"names": wanted}).fetchall()
    for row in rows:
        body = _parse_select(row["body"])
        if body is None:
            continue  # several statements, or not a SELECT: the server does not inline it
        if any(_funcname(rf.functions[0][0])[1] == row["name"] for rf in _calls(body)):
            continue  # recursive: expanding it would never end
        modes = list(row["arg_modes"]) or ["i"] * len(row["arg_names"] or [])
        names_all = list(row["arg_names"]) + [""] * (len(modes) - len(row["arg_names"]))
        if "v" in modes:
            continue  # VARIADIC: the call's arguments do not map one to one
        inputs = tuple(n for n, m in zip(names_all, modes, strict=False) if m in ("i", "b"))
        if not row["arg_modes"]:
            inputs = tuple((names_all + [""] * row["nargs"])[:row["nargs"]])
        outs = tuple(n for n, m in zip(names_all, modes, strict=False) if m in ("o", "b", "t"))
        defaults: tuple[Any, ...] = ()
        if row["ndefaults"] and row["defaults"]:
            parsed = _parse_select(f"SELECT {row['defaults']}")
            if parsed is None:
                continue
            defaults = tuple(t.val for t in parsed.targetList)
        relnames = sorted({".".join(filter(None, (r.schemaname, r.relname)))
                           for r in walk(body) if isinstance(r, ast.RangeVar)})
        columns: set[str] = set()
        if relnames:
            with conn.cursor(row_factory=dict_row) as cur:
                columns = {r["name"] for r in cur.execute(
                    sqlfiles.load("analyzers/advisor/relation_columns"), {"names": relnames})}
        out.setdefault(row["name"], []).append(SqlFunction(
            row["schema"], row["name"], inputs, tuple(row["arg_types"]), defaults, outs, body,
            frozenset(columns), row["path_pos"]))
    return out


@functools.lru_cache(maxsize=256)
def _type_name(type_text: str) -> Any | None:
    """The TypeName node of ``type_text`` (parsed once; callers copy it)."""
    parsed = _parse_select(f"SELECT NULL::{type_text}")
    if parsed is None or not isinstance(parsed.targetList[0].val, ast.TypeCast):
        return None
    return parsed.targetList[0].val.typeName


def _bind(fn: SqlFunction, call: Any) -> list[Any] | None:
    """The call's argument for each input parameter (defaults filled in); None when the call
    does not match ``fn``."""
    n = len(fn.arg_names)
    args: list[Any | None] = [None] * n
    position = 0
    for a in call.args or ():
        if isinstance(a, ast.NamedArgExpr):
            if a.name not in fn.arg_names:
                return None
            args[fn.arg_names.index(a.name)] = a.arg
        else:
            if position >= n:
                return None
            args[position] = a
            position += 1
    first_default = n - len(fn.defaults)
    for i in range(n):
        if args[i] is None:
            if i < first_default:
                return None
            args[i] = fn.defaults[i - first_default]
    return args


def _resolve(call: Any, functions: Mapping[str, Sequence[SqlFunction]]
             ) -> tuple[SqlFunction, list[Any]] | None:
    schema, name = _funcname(call)
    if call.agg_star or call.agg_distinct or call.func_variadic or call.over is not None:
        return None
    matches = []
    for fn in functions.get(name, ()):
        if schema is not None and fn.schema != schema:
            continue
        if schema is None and fn.path_pos is None:
            continue
        args = _bind(fn, call)
        if args is not None:
            matches.append((fn, args))
    if schema is None and matches:  # the first schema on search_path with a match hides the rest
        first = min(fn.path_pos or 0 for fn, _ in matches)
        matches = [(fn, a) for fn, a in matches if fn.path_pos == first]
    return matches[0] if len(matches) == 1 else None


class _Substitute(Visitor):
    """Replaces the body's references to the function's parameters by the (cast) arguments."""

    def __init__(self, fn: SqlFunction, args: Sequence[Any]):
        super().__init__()
        self.fn, self.args = fn, args
        self.types = [_type_name(t) for t in fn.arg_types]

    def _arg(self, i: int) -> Any:
        value = copy.deepcopy(self.args[i])
        typ = self.types[i] if i < len(self.types) else None
        return value if typ is None else ast.TypeCast(arg=value, typeName=copy.deepcopy(typ))

    def visit_ParamRef(self, ancestors: Any, node: Any) -> Any:
        if 1 <= node.number <= len(self.args):
            return self._arg(node.number - 1)
        return None

    def visit_ColumnRef(self, ancestors: Any, node: Any) -> Any:
        fields = [f.sval for f in node.fields if isinstance(f, ast.String)]
        if len(fields) != len(node.fields):
            return None
        if len(fields) == 1 and fields[0] not in self.fn.columns:
            name = fields[0]
        elif len(fields) == 2 and fields[0] == self.fn.name:
            name = fields[1]
        else:
            return None
        if name and name in self.fn.arg_names:
            return self._arg(self.fn.arg_names.index(name))
        return None


class _Inline(Visitor):
    def __init__(self, functions: Mapping[str, Sequence[SqlFunction]]):
        super().__init__()
        self.functions = functions
        self.inlined: list[str] = []

    def visit_RangeFunction(self, ancestors: Any, node: Any) -> Any:
        if not _inlinable_form(node):
            return None
        call = node.functions[0][0]
        found = _resolve(call, self.functions)
        if found is None:
            return None
        fn, args = found
        body = copy.deepcopy(fn.body)
        _Substitute(fn, args)(body)
        alias = node.alias
        colnames = alias.colnames if alias is not None and alias.colnames else None
        if colnames is None and fn.out_names and all(fn.out_names):
            colnames = tuple(ast.String(sval=n) for n in fn.out_names)
        self.inlined.append(f"{fn.schema}.{fn.name}")
        return ast.RangeSubselect(
            lateral=node.lateral, subquery=body,
            alias=ast.Alias(aliasname=alias.aliasname if alias is not None else fn.name,
                            colnames=colnames))


def expand(text: str, functions: Mapping[str, Sequence[SqlFunction]]
           ) -> tuple[str, tuple[str, ...]] | None:
    """``text`` with every inlinable SQL function call in FROM replaced by the function's body
    (nested calls too, ``MAX_DEPTH`` levels), and the functions inlined; None when none is."""
    if not functions:
        return None
    try:
        stmts = pglast.parse_sql(text)
    except pglast.parser.ParseError:
        return None
    if len(stmts) != 1:
        return None
    stmt: Any = stmts[0].stmt
    inlined: list[str] = []
    for _ in range(MAX_DEPTH):
        inliner = _Inline(functions)
        inliner(stmt)
        if not inliner.inlined:
            break
        inlined.extend(inliner.inlined)
    if not inlined:
        return None
    return str(RawStream()(stmt)), tuple(dict.fromkeys(inlined))


def expand_all(conn: psycopg.Connection[Any], texts: Sequence[str]
               ) -> list[tuple[str, tuple[str, ...]] | None]:
    """Phase 2: for each statement, its text with the SQL functions it calls in FROM inlined
    and their names (``expand``), or None when it calls none the server would inline."""
    functions = load(conn, called_names(texts))
    if not functions:
        return [None] * len(texts)
    return [expand(text, functions) for text in texts]
