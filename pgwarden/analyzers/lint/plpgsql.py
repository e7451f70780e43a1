"""What a PL/pgSQL block runs: the UPDATE/DELETE statements of a ``DO`` block or of a procedure
a migration ``CALL``s, the loops around them and whether those loops COMMIT.

A batched backfill is a loop that updates one key range per iteration. Where the loop COMMITs
after each batch, a writer waits at most for one batch; without a COMMIT in the loop, every
batch's row locks are held until the block ends — the whole loop is one transaction. The body is
read with PostgreSQL's own PL/pgSQL parser (``pglast.parse_plpgsql``); the batch's width comes
from its WHERE (``key > lo AND key <= lo + n``, ``BETWEEN``) or a ``LIMIT n`` in it, with the
variables resolved the way they are assigned (a parameter's DEFAULT or the CALL's argument,
``DECLARE x := 5000``, ``hi := lo + 5000``).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pglast
from pglast import ast, enums
from pglast.parser import ParseError

from pgwarden.analyzers.lint.sizes import column_names

_LOOPS = ("PLpgSQL_stmt_while", "PLpgSQL_stmt_loop", "PLpgSQL_stmt_fori", "PLpgSQL_stmt_fors",
          "PLpgSQL_stmt_forc", "PLpgSQL_stmt_foreach_a", "PLpgSQL_stmt_dynfors")
_ENDS_TX = ("PLpgSQL_stmt_commit", "PLpgSQL_stmt_rollback")


@dataclass(frozen=True)
class BodyDml:
    """One UPDATE/DELETE of a PL/pgSQL body and the loop around it."""

    node: Any  # the statement's parse tree (its PL/pgSQL variables are plain column names)
    in_loop: bool
    commits: bool  # the innermost loop around it COMMITs (or rolls back) on every pass
    iterations: float | None  # FOR i IN a..b with constant bounds: how many passes, else None


@dataclass
class Body:
    """A PL/pgSQL body's UPDATE/DELETE statements, its variables and what is assigned to them."""

    dml: list[BodyDml] = field(default_factory=list)
    variables: set[str] = field(default_factory=set)
    # variable -> every expression assigned to it (None: assigned by SELECT INTO, FOR, …)
    assigned: dict[str, list[Any]] = field(default_factory=dict)
    ends_transaction: bool = False  # a COMMIT or ROLLBACK anywhere in the body
    # every other statement the body runs, in order: static SQL other than UPDATE/DELETE/SELECT,
    # and an EXECUTE of a constant string (``EXECUTE 'CREATE INDEX …'``), as parse trees; the
    # engine lints them where the block runs (an IF around one: the first deploy runs it)
    others: list[Any] = field(default_factory=list)

    def linear(self, node: Any, depth: int = 0) -> tuple[str | None, float, float] | None:
        """``node`` as (base variable, factor, offset) — factor × base + offset; base None: a
        constant — or None when it is not linear in one variable."""
        while isinstance(node, ast.TypeCast):
            node = node.arg
        if depth > 8:
            return None
        if isinstance(node, ast.A_Const):
            v = node.val
            if isinstance(v, ast.Integer):
                return None, 0.0, float(v.ival or 0)
            if isinstance(v, ast.Float):
                return None, 0.0, float(str(v.fval))
            return None
        if isinstance(node, ast.ColumnRef):
            fields = [str(f.sval) for f in node.fields or () if isinstance(f, ast.String)]
            if len(fields) != 1 or fields[0] not in self.variables:
                return None
            name = fields[0]
            values = self.assigned.get(name, [])
            if len(values) == 1 and values[0] is not None and \
                    name not in column_names(values[0]):  # assigned once, from other values
                resolved = self.linear(values[0], depth + 1)
                if resolved is not None:
                    return resolved
            return name, 1.0, 0.0  # a loop's moving bound
        if isinstance(node, ast.A_Expr) and node.kind == enums.A_Expr_Kind.AEXPR_OP and \
                node.name and node.lexpr is not None:
            op = str(node.name[-1].sval)
            a, b = self.linear(node.lexpr, depth + 1), self.linear(node.rexpr, depth + 1)
            if a is None or b is None:
                return None
            if op in ("+", "-"):
                sign = 1.0 if op == "+" else -1.0
                if a[0] is not None and b[0] is not None and a[0] != b[0]:
                    return None
                factor = a[1] + sign * b[1]
                return (a[0] or b[0]) if factor else None, factor, a[2] + sign * b[2]
            if op == "*" and (a[0] is None or b[0] is None):
                k, (base, factor, off) = (a[2], b) if a[0] is None else (b[2], a)
                return (base if k else None), factor * k, off * k
        return None


def _expr(text: str) -> Any:
    """A PL/pgSQL expression's parse tree, or None."""
    try:
        stmt = pglast.parse_sql(f"SELECT {text}")[0].stmt
    except ParseError:
        return None
    targets: list[Any] = list(getattr(stmt, "targetList", None) or ())
    return targets[0].val if len(targets) == 1 else None


def routine_source(node: Any) -> str | None:
    """The SQL text of a DO block or CREATE FUNCTION/PROCEDURE in PL/pgSQL, else None."""
    from pglast.stream import RawStream

    opts = node.args if isinstance(node, ast.DoStmt) else node.options
    language = "plpgsql"
    for opt in opts or ():
        if isinstance(opt, ast.DefElem) and opt.defname == "language":
            language = str(getattr(opt.arg, "sval", "")).lower()
    if language != "plpgsql":
        return None
    try:
        return str(RawStream()(node))
    except (ValueError, NotImplementedError, KeyError, TypeError, AttributeError):
        return None


def read_body(source: str, given: dict[str, Any] | None = None) -> Body | None:
    """The UPDATE/DELETE statements of a PL/pgSQL DO block or routine (``source``: its SQL
    text), with ``given`` values for its parameters (the CALL's arguments, else the
    parameters' DEFAULTs). None when PostgreSQL's PL/pgSQL parser rejects it."""
    try:
        tree = pglast.parse_plpgsql(source)
    except (ParseError, ValueError, json.JSONDecodeError):
        return None
    body = Body()
    for fn in tree if isinstance(tree, list) else [tree]:
        f = fn.get("PLpgSQL_function", {}) if isinstance(fn, dict) else {}
        for d in f.get("datums", ()):
            var = d.get("PLpgSQL_var") or d.get("PLpgSQL_rec")
            if not var or var.get("refname") in (None, "found"):
                continue
            name = str(var["refname"])
            body.variables.add(name)
            if name in (given or {}):
                body.assigned.setdefault(name, []).append((given or {})[name])
            default = (var.get("default_val") or {}).get("PLpgSQL_expr", {}).get("query")
            if default is not None:
                body.assigned.setdefault(name, []).append(_expr(default))
        _walk(f.get("action"), body, None)
    return body


@dataclass
class _Loop:
    iterations: float | None
    commits: bool = False
    found: list[tuple[Any, bool]] = field(default_factory=list)


def _items(node: Any) -> Iterator[tuple[str, dict[str, Any]]]:
    """The statements directly inside ``node`` (through IF/CASE/EXCEPTION wrappers)."""
    if isinstance(node, dict):
        for k, v in node.items():
            if k.startswith("PLpgSQL_stmt_") and isinstance(v, dict):
                yield k, v
            elif k != "PLpgSQL_expr" and isinstance(v, dict | list):
                yield from _items(v)
    elif isinstance(node, list):
        for x in node:
            yield from _items(x)


def _walk(node: Any, body: Body, loop: _Loop | None) -> None:
    for kind, stmt in _items(node):
        if kind in _LOOPS:
            inner = _Loop(_passes(stmt, body) if kind == "PLpgSQL_stmt_fori" else None)
            if kind == "PLpgSQL_stmt_fori":
                var = (stmt.get("var") or {}).get("PLpgSQL_var", {}).get("refname")
                if var:
                    body.variables.add(str(var))
                    body.assigned.setdefault(str(var), []).append(None)
            _walk(stmt.get("body"), body, inner)
            for dml in inner.found:
                body.dml.append(BodyDml(dml[0], True, inner.commits or dml[1], inner.iterations))
            if loop is not None:
                loop.commits = loop.commits or inner.commits
            continue
        if kind in _ENDS_TX:
            body.ends_transaction = True
            if loop is not None:
                loop.commits = True
            continue
        if kind == "PLpgSQL_stmt_assign":
            query = str((stmt.get("expr") or {}).get("PLpgSQL_expr", {}).get("query", ""))
            name, sep, rhs = query.partition(":=")
            if not sep:
                name, sep, rhs = query.partition("=")
            if sep:
                body.assigned.setdefault(name.strip(), []).append(_expr(rhs))
            continue
        if kind == "PLpgSQL_stmt_execsql":
            for field_ in (stmt.get("target") or {}).values():
                for f in field_.get("fields", ()):
                    body.assigned.setdefault(str(f.get("name")), []).append(None)
            query = (stmt.get("sqlstmt") or {}).get("PLpgSQL_expr", {}).get("query")
            parsed = _dml(query)
            if parsed is not None:
                if loop is not None:
                    loop.found.append((parsed, False))
                else:
                    body.dml.append(BodyDml(parsed, False, False, None))
            else:
                body.others.extend(_other_statements(query))
            continue
        if kind == "PLpgSQL_stmt_dynexecute":
            query = (stmt.get("query") or {}).get("PLpgSQL_expr", {}).get("query")
            text = _expr(query) if isinstance(query, str) else None
            if isinstance(text, ast.A_Const) and isinstance(text.val, ast.String):
                body.others.extend(_other_statements(str(text.val.sval)))
            continue
        _walk(stmt, body, loop)  # a block, IF, CASE …: the statements inside it


def _dml(query: Any) -> Any:
    if not isinstance(query, str):
        return None
    try:
        stmts = pglast.parse_sql(query)
    except ParseError:
        return None
    node = stmts[0].stmt if len(stmts) == 1 else None
    return node if isinstance(node, ast.UpdateStmt | ast.DeleteStmt) else None


def _other_statements(query: Any) -> list[Any]:
    """The parse trees of ``query`` (SQL text) but UPDATE/DELETE (``dml``) and SELECT."""
    if not isinstance(query, str):
        return []
    try:
        stmts = pglast.parse_sql(query)
    except ParseError:
        return []
    return [s.stmt for s in stmts
            if not isinstance(s.stmt, ast.UpdateStmt | ast.DeleteStmt | ast.SelectStmt)]


def _passes(stmt: dict[str, Any], body: Body) -> float | None:
    """How many times ``FOR i IN lo..hi [BY step]`` runs, when the bounds are constants."""
    def value(key: str) -> float | None:
        query = (stmt.get(key) or {}).get("PLpgSQL_expr", {}).get("query")
        node = _expr(query) if isinstance(query, str) else None
        lin = body.linear(node) if node is not None else None
        return lin[2] if lin is not None and lin[0] is None else None

    lo, hi = value("lower"), value("upper")
    step = value("step") if stmt.get("step") else 1.0
    if lo is None or hi is None or not step:
        return None
    return max((hi - lo) // step + 1 if not stmt.get("reverse") else (lo - hi) // step + 1, 0.0)


def call_arguments(routine: Any, call: Any) -> dict[str, Any]:
    """Parameter name -> the expression a ``CALL`` passes (by position or by name), else the
    parameter's DEFAULT."""
    params = [p for p in routine.parameters or ()
              if p.mode not in (enums.FunctionParameterMode.FUNC_PARAM_OUT,
                                enums.FunctionParameterMode.FUNC_PARAM_TABLE) and p.name]
    out: dict[str, Any] = {str(p.name): p.defexpr for p in params if p.defexpr is not None}
    for i, arg in enumerate(call.args or ()):
        if isinstance(arg, ast.NamedArgExpr):
            out[str(arg.name)] = arg.arg
        elif i < len(params):
            out[str(params[i].name)] = arg
    return out
