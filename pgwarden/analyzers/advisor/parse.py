"""Phase 3, parse: what a query asks of each table, read from PostgreSQL's own parse tree (pglast).

``relations(text)`` lists the tables a statement names (to load their catalog facts);
``analyze(text, catalog)`` returns, per table, the columns used with equality, IN, range,
IS [NOT] NULL, LIKE prefix, LIKE/ILIKE infix, ``@@``, join keys, ORDER BY (with direction),
GROUP BY and every column referenced (for covering indexes), plus the statement text
repaired so that the server can plan it:

* pg_stat_statements normalises ``interval '1 day'`` to ``interval $1``, which the server's
  grammar rejects; pglast (libpg_query) accepts it as a cast, so re-printing the tree yields
  ``CAST($1 AS interval)``.
* Parameters the server cannot type (``$1 IS NULL``, ``now() - $1`` compared with a timestamp)
  are cast to the type of the column they are compared with, read from the catalog.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import pglast
from pglast import ast as _pglast_ast
from pglast.enums import A_Expr_Kind, BoolExprType, NullTestType, SortByDir
from pglast.stream import RawStream

from pgwarden.analyzers.advisor.repair import typed_text, walk

# pglast types every node attribute as Optional; the walker checks node types at run time,
# so the AST module is used untyped here.
ast: Any = _pglast_ast

CATALOG_SCHEMAS = frozenset({"pg_catalog", "information_schema", "pgwarden", "pg_toast"})
DATETIME_TYPES = ("timestamp", "date", "time")
RANGE_OPS = frozenset({"<", ">", "<=", ">="})
ROW_COMPARISON_OPS = RANGE_OPS | {"=", "<>"}
# a jsonb key or path as text or jsonb: an expression index can hold it (``(meta->>'arn')``)
JSON_PATH_OPS = frozenset({"->>", "->", "#>>", "#>"})
# conditions a side of an OR may have for a BitmapOr of btree indexes to serve it
OR_ARM_KINDS = frozenset({"eq", "in", "range", "isnull", "prefix"})
_FLIPPED = {"<": ">", ">": "<", "<=": ">=", ">=": "<=", "=": "="}
# containment and key operators of arrays and jsonb: no btree serves them, a GIN does
# the built-in range constructors and the type of their bounds: ``during && tstzrange($1, $2)``
# leaves the bounds' type for the server to infer, which it cannot (``$1 + interval $2`` reads
# ``$1`` as an interval)
RANGE_SUBTYPES = {"tstzrange": "timestamptz", "tsrange": "timestamp", "daterange": "date",
                  "int4range": "integer", "int8range": "bigint", "numrange": "numeric"}
CONTAINS_OPS = frozenset({"@>", "<@", "&&", "?", "?|", "?&"})


class ParseFailure(Exception):
    """pglast could not parse the text, or the statement is not one the advisor reads."""

    def __init__(self, message: str, *, quiet: bool = False):
        super().__init__(message)
        self.quiet = quiet  # not worth listing: utility statements, statements without a table


@dataclass(frozen=True, order=True)
class TableRef:
    """A table as the query names it (schema ``None``: found through search_path)."""

    schema: str | None
    name: str

    def __str__(self) -> str:
        return f"{self.schema}.{self.name}" if self.schema else self.name


@dataclass(frozen=True)
class Predicate:
    """One condition on one column (or on an expression of one column)."""

    column: str
    kind: str  # eq | in | range | isnull | notnull | prefix | infix | fts | contains | join
    expression: str | None = None  # e.g. "lower(email)" when the condition is on an expression
    constant: str | None = None  # the literal value when the query carries one
    params: tuple[int, ...] = ()
    # range and contains: the operator, column on its left (``>=`` for ``4 <= severity``), when
    # the other side is one value (a literal or a parameter): pg_qualstats keys the constants it
    # saw by it, and a partial index's WHERE is written with it. LIKE: ``~~``, ILIKE: ``~~*``
    op: str | None = None


@dataclass(frozen=True)
class TableUse:
    """What one statement asks of one table."""

    table: TableRef
    predicates: tuple[Predicate, ...] = ()
    order_by: tuple[tuple[str, bool], ...] = ()  # (column or expression text, descending)
    group_by: tuple[str, ...] = ()
    referenced: frozenset[str] = frozenset()
    star: bool = False
    limit: bool = False
    # two columns of the same row compared (``qty_on_hand < reorder_point``): (column, operator,
    # other column). No column statistic tells how many rows that keeps; the planner takes a
    # third (a half for ``<>``) whatever the data
    comparisons: tuple[tuple[str, str, str], ...] = ()
    # ``a = $1 OR b = $1``: per OR, the conditions of each side (a BitmapOr of one index per
    # side serves it; no single index does)
    or_groups: tuple[tuple[tuple[Predicate, ...], ...], ...] = ()
    # jsonb columns read at a key that is a parameter (``meta->>$1``, as pg_stat_statements
    # records ``meta->>'arn'``): no expression index can be costed for them
    param_keys: tuple[str, ...] = ()
    # ``ORDER BY pos <-> point($1, $2)``: columns whose distance to a value orders the rows (a
    # GiST returns them nearest first, so a LIMIT stops early)
    nearest: tuple[str, ...] = ()

    def or_leads(self) -> list[tuple[str, ...]]:
        """Per OR, the column each side's index would lead with (an equality's, else a
        range's)."""
        return [tuple(arm_lead(arm) for arm in group) for group in self.or_groups]


def arm_lead(arm: tuple[Predicate, ...]) -> str:
    """The column an index for one side of an OR leads with: its first equality's, else its
    first condition's (an expression's text for a condition on one)."""
    eq = [p for p in arm if p.kind in ("eq", "in", "isnull")]
    first = (eq or list(arm))[0]
    return first.expression or first.column


@dataclass(frozen=True)
class ParsedStatement:
    kind: str  # select | update | delete | insert
    text: str  # repaired, typed text the server can PREPARE / EXPLAIN
    uses: tuple[TableUse, ...]
    updated_columns: tuple[tuple[TableRef, str], ...] = ()
    n_params: int = 0
    repairs: tuple[str, ...] = ()
    target: TableRef | None = None  # the table an INSERT, UPDATE or DELETE writes


Catalog = Mapping[TableRef, Mapping[str, str]]  # table -> column -> type (format_type)


def _parse_one(text: str) -> Any:
    try:
        stmts = pglast.parse_sql(text)
    except pglast.parser.ParseError as exc:
        raise ParseFailure(f"pglast cannot parse it: {exc}") from None
    if len(stmts) != 1:
        raise ParseFailure(f"expected one statement, found {len(stmts)}")
    return stmts[0].stmt


def relations(text: str) -> tuple[str, tuple[TableRef, ...]]:
    """The statement kind and the tables it names; raises ParseFailure for anything else.

    Utility statements, catalog queries and queries on pgwarden's own schema are refused
    with the reason (the advisor skips them)."""
    return _relations(_parse_one(text))


def _relations(stmt: Any) -> tuple[str, tuple[TableRef, ...]]:
    kinds = {ast.SelectStmt: "select", ast.UpdateStmt: "update", ast.DeleteStmt: "delete",
             ast.InsertStmt: "insert"}
    kind = kinds.get(type(stmt))
    if kind is None:
        raise ParseFailure(f"{type(stmt).__name__} is not a query the advisor reads", quiet=True)
    ctes = {c.ctename for c in walk(stmt) if isinstance(c, ast.CommonTableExpr)}
    refs: list[TableRef] = []
    for node in walk(stmt):
        if isinstance(node, ast.RangeVar):
            if node.schemaname in CATALOG_SCHEMAS or (
                    node.schemaname is None and node.relname.startswith("pg_")):
                raise ParseFailure(f"reads the catalog or pgwarden's schema ({node.relname})",
                                   quiet=True)
            if node.schemaname is None and node.relname in ctes:
                continue
            ref = TableRef(node.schemaname, node.relname)
            if ref not in refs:
                refs.append(ref)
    if not refs:
        raise ParseFailure("reads no table", quiet=True)
    return kind, tuple(refs)


# -- analysis ---------------------------------------------------------------------------------


@dataclass
class _Acc:
    predicates: list[Predicate] = field(default_factory=list)
    order_by: list[tuple[str, bool]] = field(default_factory=list)
    group_by: list[str] = field(default_factory=list)
    referenced: set[str] = field(default_factory=set)
    star: bool = False
    limit: bool = False
    comparisons: list[tuple[str, str, str]] = field(default_factory=list)
    or_groups: list[tuple[tuple[Predicate, ...], ...]] = field(default_factory=list)
    param_keys: list[str] = field(default_factory=list)
    nearest: list[str] = field(default_factory=list)


class _Analysis:
    def __init__(self, catalog: Catalog):
        self.catalog = catalog
        self.acc: dict[TableRef, _Acc] = {}
        self.param_types: dict[int, str] = {}
        self.max_param = 0

    def columns(self, ref: TableRef) -> Mapping[str, str]:
        return self.catalog.get(ref, {})

    # scope: alias -> TableRef, chained to the parent's
    def resolve(self, node: Any, scope: list[dict[str, TableRef]]) -> tuple[TableRef, str] | None:
        """(table, column) a column reference names (``row_of`` finds its FROM item)."""
        row = self.row_of(node, scope)
        if row is None:
            return None
        depth, alias = row
        return scope[depth][alias], str(node.fields[-1].sval)

    def nearest(self, node: Any, scope: list[dict[str, TableRef]]) -> tuple[TableRef, str] | None:
        """(table, column) when ``node`` is a column's distance to a value (``pos <-> point($1,
        $2)``, either way round): the order a GiST gives nearest first."""
        if not (isinstance(node, ast.A_Expr) and node.kind == A_Expr_Kind.AEXPR_OP and node.name
                and node.name[-1].sval == "<->"):
            return None
        for col, other in ((node.lexpr, node.rexpr), (node.rexpr, node.lexpr)):
            hit = self.resolve(col, scope) if isinstance(col, ast.ColumnRef) else None
            if hit is not None and self.value_info(other, scope)[0]:
                return hit
        return None

    def column_side(self, node: Any, scope: list[dict[str, TableRef]]
                    ) -> tuple[TableRef, str, str | None] | None:
        """(table, column, expression text or None) when ``node`` is a column or f(column)."""
        hit = self.resolve(node, scope)
        if hit:
            return hit[0], hit[1], None
        found = self.bare_expression(node, scope)
        if found is not None:
            (ref, col), bare = found
            return ref, col, RawStream()(bare)
        return None

    def bare_expression(self, node: Any, scope: list[dict[str, TableRef]]
                        ) -> tuple[tuple[TableRef, str], Any] | None:
        """((table, column), the expression with the column unqualified) when ``node`` is the
        column or an expression of one column an index can hold: ``f(col, constants…)``, a key
        or path of a jsonb column (``meta->>'arn'``, ``doc->'a'->>'b'``), or a cast of one of
        those (``(meta->>'amount')::numeric``)."""
        if isinstance(node, ast.ColumnRef):  # the column itself, unqualified
            hit = self.resolve(node, scope)
            return None if hit is None else (hit, ast.ColumnRef(fields=(ast.String(sval=hit[1]),)))
        if isinstance(node, ast.FuncCall) and node.args and not node.agg_star:
            inner = [a for a in node.args if not isinstance(a, ast.A_Const)]
            if len(inner) != 1:
                return None
            found = self.bare_expression(inner[0], scope)
            if found is None:
                return None
            args = tuple(found[1] if a is inner[0] else a for a in node.args)
            return found[0], ast.FuncCall(funcname=node.funcname, args=args)
        if isinstance(node, ast.A_Expr) and node.kind == A_Expr_Kind.AEXPR_OP and node.name \
                and node.name[-1].sval in JSON_PATH_OPS and isinstance(node.rexpr, ast.ParamRef) \
                and isinstance(node.lexpr, ast.ColumnRef):
            # ``meta->>$1``: pg_stat_statements records the key as a parameter; which key the
            # application asks for is known nowhere (a note says which index would serve it)
            hit = self.resolve(node.lexpr, scope)
            if hit is not None:
                self.acc.setdefault(hit[0], _Acc()).param_keys.append(hit[1])
            return None
        if isinstance(node, ast.A_Expr) and node.kind == A_Expr_Kind.AEXPR_OP and node.name \
                and node.name[-1].sval in JSON_PATH_OPS and isinstance(node.rexpr, ast.A_Const):
            found = self.bare_expression(node.lexpr, scope)
            if found is None:
                return None
            return found[0], ast.A_Expr(kind=node.kind, name=node.name, lexpr=found[1],
                                        rexpr=node.rexpr)
        if isinstance(node, ast.TypeCast) and not isinstance(node.arg, ast.ColumnRef | ast.A_Const):
            found = self.bare_expression(node.arg, scope)
            if found is not None:
                return found[0], ast.TypeCast(arg=found[1], typeName=node.typeName)
        return None

    def row_of(self, node: Any, scope: list[dict[str, TableRef]]) -> tuple[int, str] | None:
        """(scope level, alias) of the FROM item a column reference names, as ``resolve``
        finds it: two references with the same one read the same row."""
        if not isinstance(node, ast.ColumnRef):
            return None
        names = [f.sval for f in node.fields if isinstance(f, ast.String)]
        if not names or len(names) != len(node.fields):
            return None
        for depth, level in enumerate(scope):
            if len(names) >= 2:
                if names[-2] in level:
                    return depth, names[-2]
            else:
                owners = [a for a, r in level.items() if names[-1] in self.columns(r)]
                if len(owners) == 1:
                    return depth, owners[0]
                if not owners and len(set(level.values())) == 1 and not self.catalog:
                    return depth, next(iter(level))
        return None

    def same_row(self, a: Any, b: Any, scope: list[dict[str, TableRef]]) -> bool:
        """``a`` and ``b`` are plain columns of one row of one FROM item (not of a self-join's
        two sides, not of an outer query's row)."""
        ra = self.row_of(a, scope)
        return ra is not None and ra[0] == 0 and ra == self.row_of(b, scope)

    def value_info(self, node: Any, scope: list[dict[str, TableRef]]
                   ) -> tuple[bool, str | None, tuple[int, ...]]:
        """(free of this scope's columns, literal constant, parameter numbers)."""
        inner = scope[0]
        params: list[int] = []
        for n in walk(node):
            if isinstance(n, ast.ColumnRef):
                hit = self.resolve(n, [inner])
                if hit is not None:
                    return False, None, ()
            if isinstance(n, ast.ParamRef):
                params.append(n.number)
        const = None
        target = node.arg if isinstance(node, ast.TypeCast) else node
        if isinstance(target, ast.A_Const) and not target.isnull:
            v = target.val
            const = str(getattr(v, "sval", None) or getattr(v, "ival", None)
                        or getattr(v, "fval", None) or getattr(v, "boolval", ""))
        return True, const, tuple(params)

    def add(self, ref: TableRef, pred: Predicate) -> None:
        self.acc.setdefault(ref, _Acc()).predicates.append(pred)

    def type_params(self, ref: TableRef, col: str, value: Any, *, array: bool = False,
                    expression: str | None = None) -> None:
        """Type the parameters ``value`` compares with column ``col`` as the column. Not when
        the other side is an expression of the column: its type is the expression's
        (``meta->>'arn' = $1`` compares text, not jsonb), which the server infers itself."""
        typ = self.columns(ref).get(col)
        if typ is None or expression is not None:
            return
        if isinstance(value, ast.ParamRef):
            self.param_types.setdefault(value.number, typ + ("[]" if array else ""))
        elif (isinstance(value, ast.A_Expr) and value.name
              and value.name[0].sval in ("+", "-") and typ.startswith(DATETIME_TYPES)):
            # now() - $1 compared with a timestamp: the parameter is an interval
            for side in (value.lexpr, value.rexpr):
                if isinstance(side, ast.ParamRef):
                    self.param_types.setdefault(side.number, "interval")

    def condition(self, node: Any, scope: list[dict[str, TableRef]]) -> None:
        if isinstance(node, ast.BoolExpr):
            if node.boolop == BoolExprType.AND_EXPR:
                for arg in node.args:
                    self.condition(arg, scope)
            else:  # OR / NOT: no single index serves it; still read nested sub-selects
                if node.boolop == BoolExprType.OR_EXPR:
                    self.or_group(node, scope)
                self.sublinks(node, scope)
            return
        if isinstance(node, ast.NullTest):
            side = self.column_side(node.arg, scope)
            if side:
                kind = "isnull" if node.nulltesttype == NullTestType.IS_NULL else "notnull"
                self.add(side[0], Predicate(side[1], kind, side[2]))
            return
        if isinstance(node, ast.A_Expr):
            self.a_expr(node, scope)
            return
        self.sublinks(node, scope)

    def or_group(self, node: Any, scope: list[dict[str, TableRef]]) -> None:
        """``a = $1 OR b = $1`` on one table: the conditions of each side (a BitmapOr of an
        index per side serves it), kept apart from the statement's AND-ed predicates. Not when
        a side reads a sub-select, names another table, or has no condition an index serves."""
        if any(isinstance(n, ast.SubLink) for n in walk(node)):
            return
        arms: list[tuple[TableRef, tuple[Predicate, ...]]] = []
        for arm in node.args or ():
            before = {ref: (len(acc.predicates), len(acc.comparisons), len(acc.or_groups))
                      for ref, acc in self.acc.items()}
            self.condition(arm, scope)
            added: dict[TableRef, list[Predicate]] = {}
            for ref, acc in self.acc.items():  # the side's conditions are not the statement's
                n_preds, n_cmp, n_or = before.get(ref, (0, 0, 0))
                if len(acc.predicates) > n_preds:
                    added[ref] = acc.predicates[n_preds:]
                    del acc.predicates[n_preds:]
                del acc.comparisons[n_cmp:]
                del acc.or_groups[n_or:]  # an OR nested in a side is the side's
            if len(added) != 1:
                return  # no condition an index serves, or conditions on several tables
            ((ref, preds),) = added.items()
            arms.append((ref, tuple(preds)))
        refs = {ref for ref, _ in arms}
        if len(refs) == 1 and all(preds and all(p.kind in OR_ARM_KINDS for p in preds)
                                  for _, preds in arms):
            self.acc[arms[0][0]].or_groups.append(tuple(preds for _, preds in arms))

    def sublinks(self, node: Any, scope: list[dict[str, TableRef]]) -> None:
        for n in walk(node, into_selects=False):
            if isinstance(n, ast.SubLink) and isinstance(n.subselect, ast.SelectStmt):
                self.select(n.subselect, scope)

    def a_expr(self, node: ast.A_Expr, scope: list[dict[str, TableRef]]) -> None:
        op = node.name[0].sval if node.name else ""
        kind = node.kind
        if kind in (A_Expr_Kind.AEXPR_IN,) or kind == A_Expr_Kind.AEXPR_OP_ANY and op == "=":
            side = self.column_side(node.lexpr, scope)
            if side:
                free, const, params = self.value_info(node.rexpr, scope)
                if free:
                    self.add(side[0], Predicate(side[1], "in", side[2], None, params))
                    values = node.rexpr if isinstance(node.rexpr, list | tuple) else [node.rexpr]
                    for v in values:
                        self.type_params(side[0], side[1], v, expression=side[2],
                                         array=kind == A_Expr_Kind.AEXPR_OP_ANY)
            return
        if kind in (A_Expr_Kind.AEXPR_BETWEEN, A_Expr_Kind.AEXPR_BETWEEN_SYM):
            side = self.column_side(node.lexpr, scope)
            if side:
                free, _, params = self.value_info(node.rexpr, scope)
                if free:
                    self.add(side[0], Predicate(side[1], "range", side[2], None, params))
                    for v in node.rexpr:
                        self.type_params(side[0], side[1], v, expression=side[2])
            return
        if kind in (A_Expr_Kind.AEXPR_LIKE, A_Expr_Kind.AEXPR_ILIKE):
            side = self.column_side(node.lexpr, scope)
            if side:
                free, const, params = self.value_info(node.rexpr, scope)
                if free:
                    infix = (kind == A_Expr_Kind.AEXPR_ILIKE or op.startswith("!")
                             or const is None or const.startswith(("%", "_")))
                    like = "~~*" if kind == A_Expr_Kind.AEXPR_ILIKE else "~~"
                    self.add(side[0], Predicate(side[1], "infix" if infix else "prefix",
                                                side[2], const, params,
                                                None if op.startswith("!") else like))
                    for p in params:
                        self.param_types.setdefault(p, "text")
            return
        if kind != A_Expr_Kind.AEXPR_OP:
            return
        if op == "@@":
            for a, b in ((node.lexpr, node.rexpr), (node.rexpr, node.lexpr)):
                side = self.column_side(a, scope)
                if side and self.value_info(b, scope)[0]:
                    self.add(side[0], Predicate(side[1], "fts", side[2]))
                    return
            return
        if op in CONTAINS_OPS:
            side = self.column_side(node.lexpr, scope)
            if side and side[2] is None:
                free, const, params = self.value_info(node.rexpr, scope)
                if free:
                    self.add(side[0], Predicate(side[1], "contains", None, const, params,
                                                op if _one_value(node.rexpr) else None))
                    return
            self.sublinks(node, scope)
            return
        if op in ROW_COMPARISON_OPS and self.same_row(node.lexpr, node.rexpr, scope):
            one, two = self.resolve(node.lexpr, scope), self.resolve(node.rexpr, scope)
            assert one is not None and two is not None
            if one[1] != two[1]:
                self.acc.setdefault(one[0], _Acc()).comparisons.append((one[1], op, two[1]))
            return
        if op not in RANGE_OPS and op != "=":
            self.sublinks(node, scope)
            return
        left = self.column_side(node.lexpr, scope)
        right = self.column_side(node.rexpr, scope)
        if left and right and op == "=" and left[0] != right[0]:
            self.add(left[0], Predicate(left[1], "join", left[2]))
            self.add(right[0], Predicate(right[1], "join", right[2]))
            return
        for side, other, op_left in ((left, node.rexpr, op), (right, node.lexpr, _FLIPPED[op])):
            if side is None:
                continue
            free, const, params = self.value_info(other, scope)
            if not free:
                # a column of another scope level (correlated sub-query): a join key
                if op == "=":
                    self.add(side[0], Predicate(side[1], "join", side[2]))
                continue
            self.add(side[0], Predicate(side[1], "eq" if op == "=" else "range", side[2],
                                        const, params,
                                        op_left if op != "=" and _one_value(other) else None))
            self.type_params(side[0], side[1], other, expression=side[2])
            return

    def from_item(self, item: Any, level: dict[str, TableRef],
                  scope: list[dict[str, TableRef]], joins: list[Any]) -> None:
        if isinstance(item, ast.RangeVar):
            ref = TableRef(item.schemaname, item.relname)
            if ref in self.catalog or not self.catalog:
                alias = item.alias.aliasname if item.alias else item.relname
                level[alias] = ref
                self.acc.setdefault(ref, _Acc())
        elif isinstance(item, ast.JoinExpr):
            self.from_item(item.larg, level, scope, joins)
            self.from_item(item.rarg, level, scope, joins)
            if item.quals is not None:
                joins.append(item.quals)
        elif isinstance(item, ast.RangeSubselect) and isinstance(item.subquery, ast.SelectStmt):
            self.select(item.subquery, scope)

    def select(self, stmt: ast.SelectStmt, parent: list[dict[str, TableRef]]) -> None:
        if stmt.withClause is not None:
            for cte in stmt.withClause.ctes or ():
                if isinstance(cte.ctequery, ast.SelectStmt):
                    self.select(cte.ctequery, parent)
        if stmt.larg is not None and stmt.rarg is not None:  # UNION / INTERSECT / EXCEPT
            self.select(stmt.larg, parent)
            self.select(stmt.rarg, parent)
            return
        level: dict[str, TableRef] = {}
        scope = [level, *parent]
        joins: list[Any] = []
        for item in stmt.fromClause or ():
            self.from_item(item, level, scope, joins)
        for q in joins:
            self.condition(q, scope)
        if stmt.whereClause is not None:
            self.condition(stmt.whereClause, scope)
        self.referenced(stmt, scope)
        # ORDER BY: a column, or an expression of one column (``ORDER BY lower(during)``: its
        # text, as the same expression's conditions name it). In a join, only when every key
        # is a column of one table of this level: that table can drive the join in index
        # order (a nested loop keeps its outer side's order, so a LIMIT stops early); keys of
        # several tables are no index's order
        sides = []
        for sort in stmt.sortClause or ():
            near = self.nearest(sort.node, scope)
            if near is not None and not stmt.groupClause:
                self.acc.setdefault(near[0], _Acc()).nearest.append(near[1])
            side = self.column_side(sort.node, scope)
            if side and side[2] is not None and (stmt.groupClause or getattr(sort.node, "over", None)):
                side = None  # an aggregate's or a window's order is no index order
            sides.append((side, sort.sortby_dir == SortByDir.SORTBY_DESC))
        owners = {side[0] for side, _ in sides if side is not None}
        single = len(set(level.values())) == 1
        one_table = all(side is not None for side, _ in sides) and len(owners) == 1 \
            and owners <= set(level.values())
        if single or one_table:
            for side, desc in sides:
                if side is not None:
                    self.acc[side[0]].order_by.append((side[2] or side[1], desc))
        for g in stmt.groupClause or ():
            hit = self.resolve(g, scope)
            if hit:
                self.acc[hit[0]].group_by.append(hit[1])
        if stmt.limitCount is not None:
            for ref in level.values():
                self.acc[ref].limit = True
        for target in stmt.targetList or ():
            self.sublinks(target, scope)

    def referenced(self, stmt: Any, scope: list[dict[str, TableRef]]) -> None:
        level = scope[0]
        for n in walk([stmt.targetList, stmt.whereClause, stmt.sortClause, stmt.groupClause,
                        stmt.havingClause, getattr(stmt, "fromClause", None)], into_selects=False):
            if isinstance(n, ast.ColumnRef):
                if any(isinstance(f, ast.A_Star) for f in n.fields):
                    prefix = [f.sval for f in n.fields if isinstance(f, ast.String)]
                    targets = [level[prefix[0]]] if prefix and prefix[0] in level else level.values()
                    for ref in targets:
                        self.acc[ref].star = True
                    continue
                hit = self.resolve(n, scope)
                if hit and hit[0] in self.acc:
                    self.acc[hit[0]].referenced.add(hit[1])


def _one_value(node: Any) -> bool:
    """``node`` is one value: a literal or a parameter, cast or not (not ``now() - $1``)."""
    while isinstance(node, ast.TypeCast):
        node = node.arg
    return isinstance(node, ast.A_Const | ast.ParamRef)


def _date_shift(node: Any) -> tuple[int, str] | None:
    """``x::date - $n`` / ``x::timestamptz + $n``: (n, the type the constant had). The server
    reads an unknown operand as the other side's type, so ``date - $n`` would silently become
    ``date - date`` (an integer) where the application subtracted days."""
    if not (isinstance(node, ast.A_Expr) and node.kind == A_Expr_Kind.AEXPR_OP and node.name
            and node.name[0].sval in ("+", "-")):
        return None
    for param, other in ((node.rexpr, node.lexpr), (node.lexpr, node.rexpr)):
        if isinstance(param, ast.ParamRef) and isinstance(other, ast.TypeCast):
            names = [x.sval for x in other.typeName.names if isinstance(x, ast.String)]
            target = names[-1] if names else ""
            if target == "date":
                return param.number, "integer"
            if target in ("timestamp", "timestamptz", "time", "timetz"):
                return param.number, "interval"
    return None


def _range_bounds(node: Any) -> Iterator[tuple[int, str]]:
    """(parameter number, type) of the bounds of a range constructor: ``tstzrange($1, $1 +
    interval $2)`` gives ``$1`` timestamptz (``$2`` is cast already); a bound shifted by a
    parameter (``$1 + $2``) gives that one an interval for a date/time range, else the type."""
    if not (isinstance(node, ast.FuncCall) and node.funcname and node.args):
        return
    name = node.funcname[-1].sval if isinstance(node.funcname[-1], ast.String) else ""
    typ = RANGE_SUBTYPES.get(name)
    if typ is None:
        return
    for arg in node.args[:2]:
        if isinstance(arg, ast.ParamRef):
            yield arg.number, typ
        elif (isinstance(arg, ast.A_Expr) and arg.kind == A_Expr_Kind.AEXPR_OP and arg.name
              and arg.name[0].sval in ("+", "-")):
            if isinstance(arg.lexpr, ast.ParamRef):
                yield arg.lexpr.number, typ
            if isinstance(arg.rexpr, ast.ParamRef):
                yield arg.rexpr.number, "interval" if typ.startswith(DATETIME_TYPES) else typ


def analyze(text: str, catalog: Catalog) -> ParsedStatement:
    """Per-table column usage and the repaired, typed text of one statement."""
    stmt = _parse_one(text)
    kind, _ = _relations(stmt)
    a = _Analysis(catalog)
    updated: list[tuple[TableRef, str]] = []
    written: TableRef | None = None
    if isinstance(stmt, ast.SelectStmt):
        a.select(stmt, [])
    elif isinstance(stmt, ast.UpdateStmt | ast.DeleteStmt):
        rel = stmt.relation
        ref = written = TableRef(rel.schemaname, rel.relname)
        alias = rel.alias.aliasname if rel.alias else rel.relname
        level = {alias: ref}
        a.acc.setdefault(ref, _Acc())
        joins: list[Any] = []
        extra = stmt.fromClause if isinstance(stmt, ast.UpdateStmt) else stmt.usingClause
        for item in extra or ():
            a.from_item(item, level, [level], joins)
        for q in joins:
            a.condition(q, [level])
        if stmt.whereClause is not None:
            a.condition(stmt.whereClause, [level])
        if isinstance(stmt, ast.UpdateStmt):
            for target in stmt.targetList or ():
                updated.append((ref, target.name))
                for n in walk(target.val):
                    if isinstance(n, ast.ParamRef):
                        typ = a.columns(ref).get(target.name)
                        if typ and n is target.val:
                            a.param_types.setdefault(n.number, typ)
    elif isinstance(stmt, ast.InsertStmt):  # the target table (its indexes get an entry per row)
        rel = stmt.relation
        written = TableRef(rel.schemaname, rel.relname)
        a.acc.setdefault(written, _Acc())
        if isinstance(stmt.selectStmt, ast.SelectStmt) and stmt.selectStmt.valuesLists is None:
            a.select(stmt.selectStmt, [])  # INSERT ... SELECT reads other tables
    for n in walk(stmt):
        if isinstance(n, ast.ParamRef):
            a.max_param = max(a.max_param, n.number)
        if isinstance(n, ast.NullTest) and isinstance(n.arg, ast.ParamRef):
            a.param_types.setdefault(n.arg.number, "text")  # `$1 IS NULL`: any type will do
        shifted = _date_shift(n)
        if shifted is not None:
            a.param_types.setdefault(*shifted)
        for number, typ in _range_bounds(n):
            a.param_types.setdefault(number, typ)
    repairs: tuple[str, ...] = ()
    if a.max_param == 0:
        repaired = text  # literal values only: the server plans the text as is
    else:
        repaired, repairs = typed_text(stmt, a.param_types, text)
    uses = tuple(
        TableUse(ref, tuple(dict.fromkeys(acc.predicates)), tuple(dict.fromkeys(acc.order_by)),
                 tuple(dict.fromkeys(acc.group_by)), frozenset(acc.referenced), acc.star, acc.limit,
                 tuple(dict.fromkeys(acc.comparisons)), tuple(acc.or_groups),
                 tuple(dict.fromkeys(acc.param_keys)), tuple(dict.fromkeys(acc.nearest)))
        for ref, acc in a.acc.items())
    return ParsedStatement(kind, repaired, uses, tuple(updated), a.max_param, repairs, written)
