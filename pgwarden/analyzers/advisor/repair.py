"""Phase 3, repair: pg_stat_statements' normalised text made plannable by the server.

pg_stat_statements replaces constants by ``$n``. Two results trip the planner:
``interval '1 day'`` becomes ``interval $1``, which the server's grammar rejects (pglast's
parser, libpg_query, accepts it as a cast, so printing the tree back yields
``CAST($1 AS interval)``); and a parameter whose type the server cannot infer (``$1 IS NULL``,
``created_at > now() - $1``, typed timestamptz - timestamptz) fails or mis-types. Such
parameters are cast to the type read from the catalog for the column they are compared with.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import pglast
from pglast import ast as _pglast_ast
from pglast.stream import RawStream

ast: Any = _pglast_ast  # pglast types every attribute as Optional; checked at run time


def walk(node: Any, *, into_selects: bool = True) -> Iterator[Any]:
    """Every AST node under ``node`` (optionally not entering nested SELECTs)."""
    if isinstance(node, list | tuple):
        for item in node:
            yield from walk(item, into_selects=into_selects)
        return
    if not isinstance(node, ast.Node):
        return
    yield node
    for name in node:
        child = getattr(node, name)
        if isinstance(child, ast.SelectStmt) and not into_selects:
            continue
        if isinstance(child, ast.Node | list | tuple):
            yield from walk(child, into_selects=into_selects)


def typed_text(stmt: Any, types: Mapping[int, str], original: str) -> tuple[str, tuple[str, ...]]:
    """The statement re-printed with parameters cast to the types read from the catalog."""
    repairs: list[str] = []
    if any(isinstance(n, ast.TypeCast) and isinstance(n.arg, ast.ParamRef) for n in walk(stmt)):
        if "interval $" in " ".join(original.lower().split()):
            repairs.append("interval $n rewritten as CAST($n AS interval)")
    casts: dict[int, Any] = {}
    for number, typ in types.items():
        select: Any = pglast.parse_sql(f"SELECT $1::{typ}")[0].stmt
        cast = select.targetList[0].val
        cast.arg = ast.ParamRef(number=number)
        casts[number] = cast

    def replace(node: Any, parent_is_cast: bool) -> Any:
        if isinstance(node, list | tuple):
            return type(node)(replace(x, False) for x in node)
        if not isinstance(node, ast.Node):
            return node
        if isinstance(node, ast.ParamRef) and not parent_is_cast and node.number in casts:
            return casts[node.number]
        for name in node:
            child = getattr(node, name)
            if isinstance(child, ast.Node | list | tuple):
                setattr(node, name, replace(child, isinstance(node, ast.TypeCast)))
        return node

    if casts:
        stmt = replace(stmt, False)
        repairs.append("parameters typed for planning: " + ", ".join(
            f"${n}::{t}" for n, t in sorted(types.items())))
    return RawStream()(stmt), tuple(repairs)
