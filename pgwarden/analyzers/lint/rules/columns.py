"""Columns: NOT NULL without a default, and the changes that rewrite the whole table."""

from __future__ import annotations

from collections.abc import Iterator

from pglast import ast, enums

from pgwarden.analyzers.lint.model import (
    SERIAL_TYPES,
    State,
    Stmt,
    column_constraints,
    is_volatile,
    relname,
    type_of,
)
from pgwarden.analyzers.lint.rule import ADVICE, BREAKING, Hit, rule

AT = enums.AlterTableType
CT = enums.ConstrType
REWRITE = ("the table and all its indexes are rewritten under ACCESS EXCLUSIVE: no reads or writes "
           "until it finishes")


def _added_columns(stmt: Stmt) -> Iterator[object]:
    for cmd in stmt.node.cmds or ():
        if cmd.subtype == AT.AT_AddColumn:
            yield cmd.def_


@rule("add-column-not-null-without-default",
      summary="ADD COLUMN … NOT NULL without a DEFAULT fails on a table that has rows",
      lock="AccessExclusiveLock", blocks="the migration fails once the table has rows",
      recipe="ADD COLUMN … NOT NULL DEFAULT <constant> (no rewrite since PostgreSQL 11), or add it "
             "NULL, backfill in batches, then SET NOT NULL via a validated CHECK",
      nodes=("AlterTableStmt",), tier=BREAKING)
def not_null_without_default(stmt: Stmt, st: State) -> Iterator[Hit]:
    table = relname(stmt.node.relation)
    for col in _added_columns(stmt):
        cons = column_constraints(col)
        kinds = {c.contype for c in cons}
        generated = kinds & {CT.CONSTR_DEFAULT, CT.CONSTR_IDENTITY, CT.CONSTR_GENERATED}
        serial = type_of(col.typeName)[0] in SERIAL_TYPES  # type: ignore[attr-defined]
        if (CT.CONSTR_NOTNULL in kinds or CT.CONSTR_PRIMARY in kinds) and not generated and not serial:
            yield Hit(f"ADD COLUMN {col.colname} NOT NULL on {table} without a DEFAULT", table)  # type: ignore


@rule("rewrite-volatile-default",
      summary="ADD COLUMN with a volatile DEFAULT computes it for every row: a full table rewrite",
      lock="AccessExclusiveLock", blocks=REWRITE,
      recipe="ADD COLUMN without the default (or with a constant); ALTER COLUMN … SET DEFAULT …; "
             "backfill existing rows in batches",
      nodes=("AlterTableStmt",))
def volatile_default(stmt: Stmt, st: State) -> Iterator[Hit]:
    table = relname(stmt.node.relation)
    for col in _added_columns(stmt):
        for con in column_constraints(col):
            if con.contype == CT.CONSTR_DEFAULT and is_volatile(con.raw_expr):
                yield Hit(f"ADD COLUMN {col.colname} on {table} with a volatile DEFAULT", table)  # type: ignore


@rule("rewrite-generated-column",
      summary="ADD COLUMN … GENERATED ALWAYS AS (…) STORED computes every row: a full table rewrite",
      lock="AccessExclusiveLock", blocks=REWRITE,
      recipe="add a plain nullable column, fill it with a trigger for new rows and batches for old "
             "ones, or compute it in a view/expression index instead",
      nodes=("AlterTableStmt",))
def stored_generated(stmt: Stmt, st: State) -> Iterator[Hit]:
    table = relname(stmt.node.relation)
    for col in _added_columns(stmt):
        for con in column_constraints(col):
            if con.contype == CT.CONSTR_GENERATED and con.generated_kind != "v":
                yield Hit(f"ADD COLUMN {col.colname} on {table} GENERATED … STORED rewrites the table",  # type: ignore
                          table)


@rule("rewrite-serial-column",
      summary="ADD COLUMN serial/identity fills a sequence value into every row: a full table rewrite",
      lock="AccessExclusiveLock", blocks=REWRITE,
      recipe="add a nullable bigint column, CREATE SEQUENCE and SET DEFAULT nextval(…), backfill old "
             "rows in batches, then SET NOT NULL via a validated CHECK",
      nodes=("AlterTableStmt",))
def serial_column(stmt: Stmt, st: State) -> Iterator[Hit]:
    table = relname(stmt.node.relation)
    for col in _added_columns(stmt):
        kinds = {c.contype for c in column_constraints(col)}
        if type_of(col.typeName)[0] in SERIAL_TYPES or CT.CONSTR_IDENTITY in kinds:  # type: ignore
            yield Hit(f"ADD COLUMN {col.colname} on {table} as serial/identity rewrites the table",  # type: ignore
                      table)


def type_change_is_safe(old: tuple[str, tuple[int, ...]] | None, new: tuple[str, tuple[int, ...]],
                        casts: set[tuple[str, str]] | frozenset[tuple[str, str]] = frozenset()) -> bool:
    """True when the change is binary-coercible and needs no scan (PostgreSQL skips the rewrite).

    varchar(n)→text, varchar(n)→varchar(m≥n), varchar→varchar, numeric(p,s)→numeric(q≥p,s) and
    →unconstrained numeric are free; text→varchar(n) has to check every row; anything else
    rewrites. An unknown old type is taken to be varchar/text only when the new one is
    unconstrained text/varchar (the common widening case), or one both of them relabel to.
    ``casts``: the target database's binary-coercible casts (pg_cast.castmethod = 'b', with
    --dsn), plus those a CREATE CAST … WITHOUT FUNCTION or a CREATE EXTENSION (citext) earlier
    in the run adds: to a type without a length or precision to check, such a change only
    relabels the column (varchar → citext).
    """
    name, mods = new
    if old is None:  # both text and varchar relabel to it (citext once its casts exist)
        return not mods and (name in ("text", "varchar")
                             or {("text", name), ("varchar", name)} <= casts)
    oname, omods = old
    if (oname, omods) == (name, mods):
        return True
    if oname in ("varchar", "text") and name == "text":
        return True
    if oname in ("varchar", "text") and name == "varchar" and not mods:
        return True
    if oname == "varchar" and name == "varchar" and omods and mods and mods[0] >= omods[0]:
        return True
    if oname == "numeric" and name == "numeric":
        if not mods:
            return True
        if len(omods) >= 1 and mods[0] >= omods[0] and (mods[1:] or (0,)) == (omods[1:] or (0,)):
            return True
    # char without a length is char(1): a length coercion (padding), never a relabel
    return (oname, name) in casts and not mods and name != "char"


# Zones with one fixed offset of zero: for them PostgreSQL 12+ converts timestamp <-> timestamptz
# without a rewrite (TimestampTimestampTzRequiresRewrite: the session zone's fixed offset is 0).
# A zone with any DST or historical offset (Europe/London) is not fixed, so it rewrites.
UTC_ZONES = frozenset(z.lower() for z in (
    "UTC", "Etc/UTC", "UCT", "Etc/UCT", "GMT", "Etc/GMT", "GMT0", "GMT+0", "GMT-0", "Etc/GMT0",
    "Etc/GMT+0", "Etc/GMT-0", "Greenwich", "Etc/Greenwich", "Universal", "Etc/Universal", "Zulu",
    "Etc/Zulu", "0", "+00:00", "+00", "-00"))
TZ_PAIR = {("timestamp", "timestamptz"), ("timestamptz", "timestamp")}


def _timezone_change(old: tuple[str, tuple[int, ...]] | None, new: tuple[str, tuple[int, ...]],
                     st: State) -> tuple[bool, str]:
    """(rewrite-free, why) for a change to timestamp/timestamptz."""
    zone = st.timezone
    if st.server_version is not None and st.server_version < 120000:
        return False, f"PostgreSQL {st.server_version // 10000} rewrites it (12+ does not under UTC)"
    if old is not None and ((old[0], new[0]) not in TZ_PAIR or old[1] != new[1]):
        return False, ""
    if zone is None:
        return False, ("rewrite-free on PostgreSQL 12+ only when the session TimeZone is UTC, which "
                       "the linter does not know: lint with --dsn (the server's TimeZone) or SET "
                       "timezone = 'UTC' in the migration — if the stored values are UTC")
    if zone.strip().lower() in UTC_ZONES:
        return old is not None, "" if old is not None else (
            "the old type is unknown: free from timestamp(tz) under the UTC session TimeZone, a "
            "rewrite from any other; lint with --dsn")
    return False, (f"the session TimeZone is {zone}; only a zero fixed offset (UTC) skips the "
                   "rewrite")


def _using_is_the_column(expr: object, column: str) -> bool:
    """``USING col`` or ``USING col::type[::type…]``: PostgreSQL looks through the casts and
    skips the rewrite when the type change alone would (ATColumnChangeRequiresRewrite)."""
    while isinstance(expr, ast.TypeCast):
        expr = expr.arg
    if isinstance(expr, ast.ColumnRef) and expr.fields:
        last = expr.fields[-1]
        return isinstance(last, ast.String) and str(last.sval) == column
    return False


@rule("rewrite-column-type",
      summary="ALTER COLUMN … TYPE that is not binary-coercible, or has a USING expression, "
              "rewrites (or rescans) the whole table",
      lock="AccessExclusiveLock", blocks=REWRITE,
      recipe="add a new column of the new type, dual-write with a trigger, backfill in batches, "
             "switch reads, drop the old column (varchar→text and widening varchar(n) are free; "
             "timestamp↔timestamptz is free on PostgreSQL 12+ when the session TimeZone is UTC)",
      nodes=("AlterTableStmt",))
def column_type(stmt: Stmt, st: State) -> Iterator[Hit]:
    table = relname(stmt.node.relation)
    if any(cmd.subtype == AT.AT_AlterColumnType and st.view_columns.get((table, str(cmd.name)))
           for cmd in stmt.node.cmds or ()):
        return  # the whole statement fails before any rewrite: column-type-used-by-view
    for cmd in stmt.node.cmds or ():
        if cmd.subtype != AT.AT_AlterColumnType or cmd.def_ is None:
            continue
        new = type_of(cmd.def_.typeName)
        old = st.column_types.get((table, str(cmd.name)))
        using = cmd.def_.raw_default
        if using is not None and not _using_is_the_column(using, str(cmd.name)):
            yield Hit(f"ALTER COLUMN {cmd.name} TYPE … USING an expression on {table} computes every "
                      "row: a full table rewrite whatever the types", table)
            continue
        why, tier = "", None
        if new[0] in ("timestamp", "timestamptz") and (old is None or old[0] != new[0]):
            free, why = _timezone_change(old, new, st)
            if free:
                continue
            if old is None and st.timezone and st.timezone.strip().lower() in UTC_ZONES:
                tier = ADVICE  # free from timestamp under UTC, the usual reason to write it
        elif type_change_is_safe(old, new, st.binary_casts):
            continue
        shown = new[0] + (f"({','.join(map(str, new[1]))})" if new[1] else "")
        if old is None:
            yield Hit(f"ALTER COLUMN {cmd.name} TYPE {shown} on {table}: "
                      + (why or "the old type is unknown (lint with --dsn): free only when it "
                         "widens the same type, which text, char(n) and other types do not"),
                      table, tier=tier)
            continue
        before = f" from {old[0]}" + (f"({','.join(map(str, old[1]))})" if old[1] else "")
        yield Hit(f"ALTER COLUMN {cmd.name} TYPE {shown}{before} on {table} is not binary-coercible"
                  + (f" ({why})" if why else ""), table, tier=tier)


@rule("rewrite-set-logged",
      summary="SET LOGGED / SET UNLOGGED rewrites the whole table (with --dsn: unless the table "
              "already has that persistence, when PostgreSQL does nothing)",
      lock="AccessExclusiveLock", blocks=REWRITE,
      recipe="create the table with the persistence it needs, or do it in a maintenance window",
      nodes=("AlterTableStmt",))
def set_logged(stmt: Stmt, st: State) -> Iterator[Hit]:
    table = relname(stmt.node.relation)
    for cmd in stmt.node.cmds or ():
        if cmd.subtype in (AT.AT_SetLogged, AT.AT_SetUnLogged):
            to_unlogged = cmd.subtype == AT.AT_SetUnLogged
            if st.persistence.get(table) is to_unlogged:
                continue  # already so: ATPrepChangePersistence finds nothing to do, no rewrite
            what = "SET UNLOGGED" if to_unlogged else "SET LOGGED"
            yield Hit(f"{what} on {table} rewrites the table", table)
