"""The statement model: pglast parse trees plus what the migration has done so far.

``State`` follows a migration statement by statement the way the server would see it:
whether a transaction is open (psql autocommit unless BEGIN; alembic revisions in one
transaction except ``autocommit_block()``), which tables the migration created, which columns
it added, which constraints are NOT VALID and which NOT NULL checks are validated, which tables
had DML or DDL in the open transaction. Rules read it; only ``apply`` writes it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pglast import ast, enums

from pgwarden.analyzers.lint.sizes import Stats

VOLATILE_FUNCTIONS = frozenset({
    "random", "gen_random_uuid", "uuid_generate_v1", "uuid_generate_v1mc", "uuid_generate_v4",
    "uuidv4", "uuidv7", "clock_timestamp", "timeofday", "nextval", "txid_current", "setseed",
    "random_normal", "pg_current_xact_id",
})
VERBS = {"AlterTableStmt": "ALTER TABLE", "IndexStmt": "CREATE INDEX", "RenameStmt": "RENAME",
         "AlterObjectSchemaStmt": "SET SCHEMA",
         "DropStmt": "DROP", "ReindexStmt": "REINDEX", "ClusterStmt": "CLUSTER",
         "VacuumStmt": "VACUUM", "RefreshMatViewStmt": "REFRESH MATERIALIZED VIEW",
         "CreateTrigStmt": "CREATE TRIGGER", "AlterTSConfigurationStmt": "ALTER TEXT SEARCH",
         "UpdateStmt": "UPDATE", "DeleteStmt": "DELETE", "InsertStmt": "INSERT"}
# Statements that queue for a strong lock on an existing relation.
LOCKING_KINDS = ("AlterTableStmt", "IndexStmt", "DropStmt", "RenameStmt", "ReindexStmt", "ClusterStmt",
                 "LockStmt", "VacuumStmt", "RefreshMatViewStmt", "CreateTrigStmt", "AlterTSConfigurationStmt",
                 "AlterObjectSchemaStmt")
# pg_type.typname -> the name type_of() gives (what the rules compare)
TYPE_ALIASES = {"int4": "integer", "int": "integer", "int8": "bigint", "int2": "smallint",
                "bpchar": "char", "character varying": "varchar"}
SERIAL_TYPES = frozenset({"serial", "serial4", "bigserial", "serial8", "smallserial", "serial2"})


@dataclass(frozen=True)
class Stmt:
    """One SQL statement as the server would run it, and where it came from."""

    node: Any
    file: str
    line: int
    text: str
    in_transaction: bool
    tx: int
    unit: str
    runner: str  # "psql" (plain SQL, stdin) or "alembic" (pgwarden's migrate runner)
    helper: str | None = None  # pgwarden.migrations.ops function that emitted it, if any

    @property
    def kind(self) -> str:
        return type(self.node).__name__

    @property
    def verb(self) -> str:
        """The statement's command as SQL words (``ALTER TABLE``, ``CREATE INDEX`` …)."""
        return VERBS.get(self.kind, self.kind.removesuffix("Stmt").upper())


@dataclass
class State:
    """What the migration has done before the statement being checked."""

    unit: str = ""
    tx: int = 0
    explicit_tx: bool = False
    # per migration (unit)
    created_tables: set[str] = field(default_factory=set)
    new_columns: dict[str, dict[str, bool]] = field(default_factory=dict)  # table -> col -> all NULL
    not_valid: dict[tuple[str, str], int] = field(default_factory=dict)  # -> tx added in
    index_names: set[str] = field(default_factory=set)
    dropped_indexes: set[str] = field(default_factory=set)
    timeouts: set[str] = field(default_factory=set)
    require_timeouts: bool = False
    locked_before: bool = False  # a locking statement (LOCKING_KINDS) already ran in this unit
    # per open transaction
    dml_tables: set[str] = field(default_factory=set)
    ddl_tables: set[str] = field(default_factory=set)
    dropped_matviews: set[str] = field(default_factory=set)
    # locks held to the end of the open transaction: table -> the strongest mode (1-8, pg_locks'
    # order) and the statement that took it — LOCK TABLE, and the statements whose lock is
    # stronger than ROW EXCLUSIVE and does not depend on the table's size: TRUNCATE (ACCESS
    # EXCLUSIVE), CREATE TRIGGER (SHARE ROW EXCLUSIVE), ALTER TABLE … RENAME TO (ACCESS
    # EXCLUSIVE, on the table under its new name)
    explicit_locks: dict[str, int] = field(default_factory=dict)
    lock_taken_by: dict[str, str] = field(default_factory=dict)
    # schema knowledge carried across the migrations of one run
    not_null_checks: dict[tuple[str, str], frozenset[str]] = field(default_factory=dict)  # (t, con) -> cols
    # (t, col) -> the validated CHECK constraints that prove col IS NOT NULL
    validated_not_null: dict[tuple[str, str], set[str]] = field(default_factory=dict)
    not_null_columns: set[tuple[str, str]] = field(default_factory=set)  # declared NOT NULL
    column_types: dict[tuple[str, str], tuple[str, tuple[int, ...]]] = field(default_factory=dict)
    ts_config_users: dict[str, set[str]] = field(default_factory=dict)  # config -> indexes
    # per migration: table names this migration gave by RENAME (no running code uses them yet),
    # names renamed away in a transaction -> that tx, and hits found harmless later:
    # (rule id, relation, tx) — a table renamed away and its name refilled in the same
    # transaction is a swap, which running queries never notice
    renamed_to: set[str] = field(default_factory=set)
    renamed_away: dict[str, int] = field(default_factory=dict)
    retracted: set[tuple[str, str, int]] = field(default_factory=set)
    # partitions this migration detached: no query through the parent sees them any more
    detached: set[str] = field(default_factory=set)
    # procedures and functions created in PL/pgSQL so far in the run (name -> CREATE node):
    # what a later CALL runs
    routines: dict[str, Any] = field(default_factory=dict)
    # from the catalog (--dsn): table sizes and column statistics, the server's version and the
    # TimeZone a new session starts with; ``timezone`` follows the migration's SET/RESET
    stats: Stats = field(default_factory=Stats)
    partitions: set[str] = field(default_factory=set)  # tables that are partitions of another
    partitioned: set[str] = field(default_factory=set)  # partitioned tables (PARTITION BY)
    # table -> whether it is UNLOGGED, where known (the catalog's relpersistence, then CREATE
    # [UNLOGGED] TABLE and SET LOGGED/UNLOGGED in the run)
    persistence: dict[str, bool] = field(default_factory=dict)
    # (table, column) -> views/rules reading it (ALTER … TYPE fails); binary-coercible casts
    view_columns: dict[tuple[str, str], set[str]] = field(default_factory=dict)
    binary_casts: set[tuple[str, str]] = field(default_factory=set)
    server_version: int | None = None
    server_timezone: str | None = None
    timezone: str | None = None
    # the zone before a SET LOCAL timezone in the open transaction (restored at its end)
    timezone_outside: tuple[str | None] | None = None
    # the session's statement_timeout in ms as the migration set it (None: not set, or 0 — no
    # bound the linter knows of), and its value before a SET LOCAL in the open transaction
    statement_timeout_ms: float | None = None
    statement_timeout_outside: tuple[float | None] | None = None

    def new_unit(self, unit: str) -> None:
        self.unit = unit
        self.created_tables.clear()
        self.new_columns.clear()
        self.not_valid.clear()
        self.index_names.clear()
        self.dropped_indexes.clear()
        self.timeouts.clear()
        self.renamed_to.clear()
        self.renamed_away.clear()
        self.retracted.clear()
        self.detached.clear()
        self.timezone_outside = None
        self.timezone = self.server_timezone  # each file is a new session
        self.statement_timeout_outside = None
        self.statement_timeout_ms = None
        self.locked_before = False
        self._end_tx()

    def _end_tx(self) -> None:
        if self.timezone_outside is not None:  # SET LOCAL lasted until the transaction's end
            self.timezone = self.timezone_outside[0]
            self.timezone_outside = None
        if self.statement_timeout_outside is not None:
            self.statement_timeout_ms = self.statement_timeout_outside[0]
            self.statement_timeout_outside = None
        self.explicit_tx = False
        self.tx += 1
        self.dml_tables.clear()
        self.ddl_tables.clear()
        self.dropped_matviews.clear()
        self.explicit_locks.clear()
        self.lock_taken_by.clear()

    def hold_lock(self, table: str, mode: int, verb: str) -> None:
        """``verb`` took ``mode`` on ``table``; it is held until the transaction ends."""
        if mode > self.explicit_locks.get(table, 0):
            self.explicit_locks[table] = mode
            self.lock_taken_by[table] = verb

    def is_new(self, table: str | None) -> bool:
        return table is not None and table in self.created_tables

    def new_column(self, table: str, column: str) -> bool | None:
        """None when the column is not new in this migration, else whether it is all NULL."""
        return self.new_columns.get(table, {}).get(column)

    def proven_not_null(self, table: str, column: str) -> bool:
        """The column is declared NOT NULL, or a validated CHECK proves it (no scan needed)."""
        return (table, column) in self.not_null_columns or bool(
            self.validated_not_null.get((table, column)))

    def add_check(self, table: str, conname: str, columns: frozenset[str], validated: bool) -> None:
        """Record a CHECK constraint that implies ``columns`` IS NOT NULL."""
        if not columns:
            return
        self.not_null_checks[(table, conname)] = columns
        if validated:
            self.validate(table, conname)

    def validate(self, table: str, conname: str) -> None:
        for col in self.not_null_checks.get((table, conname), ()):
            self.validated_not_null.setdefault((table, col), set()).add(conname)

    def drop_constraint(self, table: str, conname: str) -> None:
        for col in self.not_null_checks.pop((table, conname), ()):
            self.validated_not_null.get((table, col), set()).discard(conname)


# ---------------------------------------------------------------- names and expressions

def relname(rv: Any) -> str:
    """``schema.table`` as written (``public.`` dropped), for a RangeVar."""
    if rv is None:
        return ""
    schema = getattr(rv, "schemaname", None)
    name = str(rv.relname)
    return name if not schema or schema == "public" else f"{schema}.{name}"


def qualname(names: Any) -> str:
    parts = [str(n.sval) for n in (names or ()) if isinstance(n, ast.String)]
    if len(parts) > 1 and parts[0] in ("public", "pg_catalog"):
        parts = parts[1:]
    return ".".join(parts)


def type_of(tn: Any) -> tuple[str, tuple[int, ...]]:
    """(type name, integer typmods) of a TypeName: ``varchar(10)`` -> ("varchar", (10,))."""
    name = qualname(tn.names)
    mods: list[int] = []
    for m in tn.typmods or ():
        val = getattr(m, "val", None)
        if isinstance(val, ast.Integer):
            mods.append(int(val.ival or 0))
    return TYPE_ALIASES.get(name, name), tuple(mods)


def func_names(node: Any) -> set[str]:
    """Every function name called anywhere inside ``node``."""
    from pglast.visitors import Visitor

    found: set[str] = set()

    class _V(Visitor):
        def visit_FuncCall(self, ancestors: Any, n: Any) -> None:
            found.add(qualname(n.funcname).rpartition(".")[2])

    _V()(node)
    return found


def string_constants(node: Any) -> set[str]:
    from pglast.visitors import Visitor

    found: set[str] = set()

    class _V(Visitor):
        def visit_String(self, ancestors: Any, n: Any) -> None:
            if ancestors.parent is not None and isinstance(ancestors.node, ast.A_Const):
                found.add(str(n.sval))

        def visit_A_Const(self, ancestors: Any, n: Any) -> None:
            if isinstance(n.val, ast.String):
                found.add(str(n.val.sval))

    _V()(node)
    return found


_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "min": 60_000.0, "h": 3_600_000.0,
       "d": 86_400_000.0}


def duration_ms(arg: Any) -> float | None:
    """A timeout setting's value in ms: ``50`` (ms), ``'50ms'``, ``'2s'``, ``'5min'``, or None."""
    val = getattr(arg, "val", None)
    if isinstance(val, ast.Integer):
        return float(val.ival or 0)
    if isinstance(val, ast.Float):
        return float(str(val.fval))
    if not isinstance(val, ast.String):
        return None
    text = str(val.sval).strip().lower()
    number = text.rstrip("abcdefghijklmnopqrstuvwxyz ")
    unit = text[len(number):].strip() or "ms"
    try:
        return float(number) * _MS[unit]
    except (ValueError, KeyError):
        return None


def is_volatile(expr: Any) -> bool:
    return bool(func_names(expr) & VOLATILE_FUNCTIONS)


def column_constraints(coldef: Any) -> list[Any]:
    return [c for c in (coldef.constraints or ()) if isinstance(c, ast.Constraint)]


def not_null_columns(expr: Any) -> frozenset[str]:
    """The columns a CHECK expression proves NOT NULL: ``col IS NOT NULL``, alone or as a term
    of a top-level AND (what PostgreSQL's predicate proof accepts for SET NOT NULL)."""
    if isinstance(expr, ast.NullTest) and expr.nulltesttype == enums.NullTestType.IS_NOT_NULL:
        arg = expr.arg
        if isinstance(arg, ast.ColumnRef) and arg.fields and isinstance(arg.fields[-1], ast.String):
            return frozenset({str(arg.fields[-1].sval)})
    if isinstance(expr, ast.BoolExpr) and expr.boolop == enums.BoolExprType.AND_EXPR:
        cols: set[str] = set()
        for term in expr.args or ():
            cols |= not_null_columns(term)
        return frozenset(cols)
    return frozenset()


def is_not_null_check(con: Any) -> frozenset[str]:
    """The columns a ``CHECK (col IS NOT NULL [AND …])`` constraint proves NOT NULL."""
    if con.contype != enums.ConstrType.CONSTR_CHECK:
        return frozenset()
    return not_null_columns(con.raw_expr)


def dml_target(node: Any) -> str | None:
    if isinstance(node, ast.InsertStmt | ast.UpdateStmt | ast.DeleteStmt):
        return relname(node.relation)
    return None


def ddl_target(node: Any) -> str | None:
    if isinstance(node, ast.AlterTableStmt) and node.objtype == enums.ObjectType.OBJECT_TABLE:
        return relname(node.relation)
    if isinstance(node, ast.IndexStmt):
        return relname(node.relation)
    if isinstance(node, ast.RenameStmt) and node.relation is not None:
        return relname(node.relation)
    return None


# ---------------------------------------------------------------- state transitions

def apply(stmt: Stmt, st: State) -> None:
    """Record what ``stmt`` did; called after the rules have seen it."""
    n = stmt.node
    if isinstance(n, ast.TransactionStmt):
        kind = n.kind
        if kind in (enums.TransactionStmtKind.TRANS_STMT_BEGIN, enums.TransactionStmtKind.TRANS_STMT_START):
            st._end_tx()
            st.explicit_tx = True
        elif kind in (enums.TransactionStmtKind.TRANS_STMT_COMMIT,
                      enums.TransactionStmtKind.TRANS_STMT_ROLLBACK):
            st._end_tx()
        return
    _apply_node(n, st, stmt.tx)
    if isinstance(n, ast.LockStmt) and stmt.in_transaction:
        # held to the end of the transaction (BEGIN … COMMIT, or an alembic revision's); in
        # autocommit LOCK fails ("can only be used in transaction blocks") and holds nothing
        for rv in n.relations or ():
            st.hold_lock(relname(rv), int(n.mode or 0), "LOCK TABLE")
    elif stmt.in_transaction:
        for table, mode in _held_lock(n):
            st.hold_lock(table, mode, stmt.verb)
    if stmt.kind in LOCKING_KINDS:
        st.locked_before = True
    if not stmt.in_transaction:
        st._end_tx()


def _held_lock(n: Any) -> list[tuple[str, int]]:
    """(table, lock mode) a statement takes for the rest of its transaction, whatever the
    table's size, for the statements ``State.explicit_locks`` follows besides LOCK TABLE."""
    if isinstance(n, ast.TruncateStmt):
        return [(relname(rv), 8) for rv in n.relations or ()]
    if isinstance(n, ast.CreateTrigStmt) and n.relation is not None:
        return [(relname(n.relation), 6)]
    if isinstance(n, ast.RenameStmt) and n.renameType == enums.ObjectType.OBJECT_TABLE \
            and n.relation is not None:
        old = relname(n.relation)
        return [(old.rpartition(".")[0] + "." + str(n.newname) if "." in old else str(n.newname), 8)]
    return []


def _refill(st: State, name: str, tx: int) -> None:
    """``name`` exists again: if it was renamed away in this transaction, that was a swap."""
    if st.renamed_away.get(name) == tx:
        st.retracted.add(("rename-table", name, tx))
        st.retracted.add(("set-schema", name, tx))


# the binary-coercible casts (CREATE CAST … WITHOUT FUNCTION) an extension's install script adds
# to pg_cast, so a later ALTER COLUMN … TYPE in the same run is judged as with them in the
# catalog (PostgreSQL 15's citext--1.4.sql; its casts from bpchar, boolean and inet call a
# function, so they convert)
EXTENSION_BINARY_CASTS: dict[str, tuple[tuple[str, str], ...]] = {
    "citext": (("citext", "text"), ("citext", "varchar"), ("citext", "bpchar"),
               ("text", "citext"), ("varchar", "citext")),
}


def _apply_node(n: Any, st: State, tx: int) -> None:
    if isinstance(n, ast.RenameStmt) and n.renameType == enums.ObjectType.OBJECT_TABLE \
            and n.relation is not None:
        old = relname(n.relation)
        new = old.rpartition(".")[0] + "." + str(n.newname) if "." in old else str(n.newname)
        st.renamed_away[old] = tx
        st.renamed_to.add(new)
        if old in st.created_tables:
            st.created_tables.add(new)
        _refill(st, new, tx)
    elif isinstance(n, ast.AlterObjectSchemaStmt) and n.relation is not None and \
            n.objectType == enums.ObjectType.OBJECT_TABLE:
        old = relname(n.relation)
        new = f"{n.newschema}.{old.rpartition('.')[2]}"
        st.renamed_away[old] = tx
        st.renamed_to.add(new)
        if old in st.created_tables:
            st.created_tables.add(new)
    elif isinstance(n, ast.CreateStmt):
        table = relname(n.relation)
        _refill(st, table, tx)
        st.created_tables.add(table)
        st.persistence[table] = n.relation is not None and n.relation.relpersistence == "u"
        if n.partspec is not None:
            st.partitioned.add(table)
        for elt in n.tableElts or ():
            if isinstance(elt, ast.ColumnDef):
                _record_column(st, table, elt)
            elif isinstance(elt, ast.Constraint):
                _record_constraint(st, table, elt, validated=True)
    elif isinstance(n, ast.DefineStmt) and n.kind in (enums.ObjectType.OBJECT_TSCONFIGURATION,
                                                       enums.ObjectType.OBJECT_TSDICTIONARY):
        st.created_tables.add(qualname(n.defnames))  # a new object: no index is built with it yet
    elif isinstance(n, ast.CreateTableAsStmt) and n.into is not None:
        st.created_tables.add(relname(n.into.rel))
        if n.objtype == enums.ObjectType.OBJECT_MATVIEW:
            _record_view(st, relname(n.into.rel), n.query)
    elif isinstance(n, ast.ViewStmt):
        _record_view(st, relname(n.view), n.query)
    elif isinstance(n, ast.CreateFunctionStmt):
        st.routines[qualname(n.funcname)] = n
    elif isinstance(n, ast.CreateExtensionStmt):
        st.binary_casts.update(EXTENSION_BINARY_CASTS.get(str(n.extname), ()))
    elif isinstance(n, ast.CreateCastStmt) and n.func is None and not n.inout:
        st.binary_casts.add((type_of(n.sourcetype)[0], type_of(n.targettype)[0]))
    elif isinstance(n, ast.IndexStmt):
        if n.idxname:
            st.index_names.add(str(n.idxname))
            for cfg in string_constants(n.indexParams):
                st.ts_config_users.setdefault(cfg, set()).add(str(n.idxname))
        st.ddl_tables.add(relname(n.relation))
    elif isinstance(n, ast.AlterTableStmt):
        _apply_alter(n, st, tx)
    elif isinstance(n, ast.DropStmt):
        if n.removeType in (enums.ObjectType.OBJECT_VIEW, enums.ObjectType.OBJECT_MATVIEW):
            gone = {qualname(obj) for obj in n.objects or ()}
            for views in st.view_columns.values():
                views -= gone
        if n.removeType == enums.ObjectType.OBJECT_MATVIEW:
            for obj in n.objects or ():
                st.dropped_matviews.add(qualname(obj))
        elif n.removeType == enums.ObjectType.OBJECT_INDEX:
            for obj in n.objects or ():
                st.dropped_indexes.add(qualname(obj))
    elif isinstance(n, ast.VariableSetStmt) and n.name in ("lock_timeout", "statement_timeout"):
        st.timeouts.add(str(n.name))
        if n.name == "statement_timeout":
            if n.is_local and st.statement_timeout_outside is None:
                st.statement_timeout_outside = (st.statement_timeout_ms,)
            ms = duration_ms((n.args or [None])[0]) \
                if n.kind == enums.VariableSetKind.VAR_SET_VALUE else None
            st.statement_timeout_ms = ms or None  # 0 disables it; RESET: the server's default
    elif isinstance(n, ast.VariableSetStmt) and str(n.name or "").lower() == "timezone":
        if n.is_local and st.timezone_outside is None:
            st.timezone_outside = (st.timezone,)
        arg = (n.args or [None])[0]
        val = getattr(arg, "val", None)
        if n.kind == enums.VariableSetKind.VAR_SET_VALUE and isinstance(val, ast.String):
            st.timezone = str(val.sval)
        elif n.kind == enums.VariableSetKind.VAR_SET_VALUE and isinstance(val, ast.Integer):
            st.timezone = "UTC" if not val.ival else f"{val.ival}"  # SET TIME ZONE 0 = UTC
        else:  # RESET, SET … TO DEFAULT, LOCAL, or a value the linter cannot read
            st.timezone = st.server_timezone if n.kind in (
                enums.VariableSetKind.VAR_RESET, enums.VariableSetKind.VAR_SET_DEFAULT) else None
    target = dml_target(n)
    if target:
        st.dml_tables.add(target)


def _record_view(st: State, view: str, query: Any) -> None:
    """The columns a view (or materialized view) created by the migration reads: qualified
    ones by their table's alias, unqualified ones when the query reads one table, ``*`` as
    every column the linter knows of the table."""
    from pglast.visitors import Visitor

    tables: dict[str, str] = {}
    refs: list[Any] = []

    class _V(Visitor):
        def visit_RangeVar(self, ancestors: Any, rv: Any) -> None:
            name = relname(rv)
            tables[str(rv.alias.aliasname) if rv.alias is not None else str(rv.relname)] = name

        def visit_ColumnRef(self, ancestors: Any, ref: Any) -> None:
            refs.append(ref)

    _V()(query)
    only = next(iter(tables.values())) if len(set(tables.values())) == 1 else None
    for ref in refs:
        fields = list(ref.fields or ())
        table = tables.get(str(fields[0].sval)) if len(fields) >= 2 and isinstance(
            fields[0], ast.String) else only
        if table is None:
            continue
        if isinstance(fields[-1], ast.A_Star):
            cols = [c for (t, c) in st.column_types if t == table]
        elif isinstance(fields[-1], ast.String):
            cols = [str(fields[-1].sval)]
        else:
            cols = []
        for col in cols:
            st.view_columns.setdefault((table, col), set()).add(view)


def _record_column(st: State, table: str, col: Any) -> None:
    """A column created with the table or added to it: its type, NOT NULL, its CHECKs (a new
    column's constraints are checked as it is added, so they count as validated)."""
    name = str(col.colname)
    if col.typeName is not None:
        st.column_types[(table, name)] = type_of(col.typeName)
    for con in column_constraints(col):
        if con.contype in (enums.ConstrType.CONSTR_NOTNULL, enums.ConstrType.CONSTR_PRIMARY):
            st.not_null_columns.add((table, name))
        _record_constraint(st, table, con, validated=not con.skip_validation)


def _record_constraint(st: State, table: str, con: Any, *, validated: bool) -> None:
    if con.contype == enums.ConstrType.CONSTR_CHECK:
        st.add_check(table, str(con.conname or f"<check on {table}>"), is_not_null_check(con),
                     validated)
    elif con.contype == enums.ConstrType.CONSTR_PRIMARY:
        for key in con.keys or ():
            st.not_null_columns.add((table, str(key.sval)))


def _apply_alter(n: Any, st: State, tx: int) -> None:
    table = relname(n.relation)
    st.ddl_tables.add(table)
    for cmd in n.cmds or ():
        sub = cmd.subtype
        if sub == enums.AlterTableType.AT_AddColumn:
            col = cmd.def_
            cons = column_constraints(col)
            has_default = any(c.contype in (enums.ConstrType.CONSTR_DEFAULT,
                                            enums.ConstrType.CONSTR_IDENTITY,
                                            enums.ConstrType.CONSTR_GENERATED) for c in cons)
            st.new_columns.setdefault(table, {})[str(col.colname)] = not has_default
            _record_column(st, table, col)
        elif sub == enums.AlterTableType.AT_DetachPartition:
            part = relname(cmd.def_.name)
            st.detached.add(part)
        elif sub == enums.AlterTableType.AT_AlterColumnType and cmd.def_ is not None:
            st.column_types[(table, str(cmd.name))] = type_of(cmd.def_.typeName)
        elif sub == enums.AlterTableType.AT_AddConstraint:
            con = cmd.def_
            if con.conname and con.skip_validation:
                st.not_valid[(table, str(con.conname))] = tx
            _record_constraint(st, table, con, validated=not con.skip_validation)
        elif sub == enums.AlterTableType.AT_ValidateConstraint:
            st.validate(table, str(cmd.name))
        elif sub == enums.AlterTableType.AT_DropConstraint:
            st.drop_constraint(table, str(cmd.name))
        elif sub in (enums.AlterTableType.AT_SetLogged, enums.AlterTableType.AT_SetUnLogged):
            st.persistence[table] = sub == enums.AlterTableType.AT_SetUnLogged
        elif sub == enums.AlterTableType.AT_SetNotNull:
            st.not_null_columns.add((table, str(cmd.name)))
        elif sub == enums.AlterTableType.AT_DropNotNull:
            st.not_null_columns.discard((table, str(cmd.name)))
