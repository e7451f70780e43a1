"""Constraints: validation scans under strong locks, and the NOT VALID / USING INDEX escapes."""

from __future__ import annotations

from collections.abc import Iterator

from pglast import enums

from pgwarden.analyzers.lint.model import State, Stmt, column_constraints, relname
from pgwarden.analyzers.lint.rule import BREAKING, Hit, rule
from pgwarden.analyzers.lint.sizes import btree_kind, hazard_line, work_seconds

AT = enums.AlterTableType
CT = enums.ConstrType


def _added(stmt: Stmt) -> Iterator[tuple[object, object]]:
    """(cmd, constraint) for every constraint an ALTER TABLE adds, table- or column-level."""
    for cmd in stmt.node.cmds or ():
        if cmd.subtype == AT.AT_AddConstraint:
            yield cmd, cmd.def_
        elif cmd.subtype == AT.AT_AddColumn:
            for con in column_constraints(cmd.def_):
                yield cmd, con


def _new_col(stmt: Stmt, st: State, table: str, column: str) -> bool | None:
    """None when ``column`` is not new in this migration (or this statement), else whether it
    is all NULL."""
    for cmd in stmt.node.cmds or ():
        if cmd.subtype == AT.AT_AddColumn and str(cmd.def_.colname) == column:
            cons = column_constraints(cmd.def_)
            return not any(
                c.contype in (CT.CONSTR_DEFAULT, CT.CONSTR_IDENTITY, CT.CONSTR_GENERATED) for c in cons)
    return st.new_column(table, column)


@rule("foreign-key-not-valid-missing",
      summary="adding a FOREIGN KEY validates every row while both tables are locked against writes",
      lock="ShareRowExclusiveLock",
      recipe="ADD CONSTRAINT … FOREIGN KEY … NOT VALID; then, in a later transaction, "
             "VALIDATE CONSTRAINT … (SHARE UPDATE EXCLUSIVE: reads and writes go on)",
      nodes=("AlterTableStmt",), work="scan")
def foreign_key(stmt: Stmt, st: State) -> Iterator[Hit]:
    table = relname(stmt.node.relation)
    for cmd, con in _added(stmt):
        if con.contype != CT.CONSTR_FOREIGN or con.skip_validation:  # type: ignore[attr-defined]
            continue
        if cmd.subtype == AT.AT_AddColumn:  # type: ignore[attr-defined]
            cols = [str(cmd.def_.colname)]  # type: ignore[attr-defined]
        else:
            cols = [str(a.sval) for a in con.fk_attrs or ()]  # type: ignore[attr-defined]
        if cols and all(_new_col(stmt, st, table, c) for c in cols):
            continue  # a new all-NULL column: the check finds nothing to validate
        target = relname(con.pktable)  # type: ignore[attr-defined]
        yield Hit(f"FOREIGN KEY on {table} ({', '.join(cols)}) → {target} without NOT VALID", table,
                  also=(target,) if target != table else ())


@rule("check-not-valid-missing",
      summary="adding a CHECK constraint scans the whole table under ACCESS EXCLUSIVE",
      lock="AccessExclusiveLock",
      recipe="ADD CONSTRAINT … CHECK (…) NOT VALID; then, in a later transaction, VALIDATE "
             "CONSTRAINT … (SHARE UPDATE EXCLUSIVE); for a new column: ADD COLUMN without the "
             "CHECK, then the same two steps",
      nodes=("AlterTableStmt",), work="scan")
def check_constraint(stmt: Stmt, st: State) -> Iterator[Hit]:
    table = relname(stmt.node.relation)
    for cmd, con in _added(stmt):
        if con.contype != CT.CONSTR_CHECK or con.skip_validation:  # type: ignore[attr-defined]
            continue
        if cmd.subtype == AT.AT_AddColumn:  # type: ignore[attr-defined]
            # a column-level CHECK cannot be NOT VALID; PostgreSQL verifies it with a scan of
            # every row (even when the new column is all NULL)
            yield Hit(f"CHECK on new column {cmd.def_.colname} of {table} is verified by a scan "  # type: ignore
                      "of the whole table", table)
        else:
            yield Hit(f"CHECK constraint {con.conname or ''} on {table} without NOT VALID"  # type: ignore
                      .replace("  ", " "), table)


@rule("validate-in-same-transaction",
      summary="VALIDATE CONSTRAINT in the transaction that added it NOT VALID keeps the ADD's lock "
              "during the validation scan",
      lock="AccessExclusiveLock",
      recipe="COMMIT after ADD CONSTRAINT … NOT VALID, then VALIDATE CONSTRAINT in its own "
             "transaction (in alembic: a separate revision or an autocommit_block)",
      nodes=("AlterTableStmt",), work="scan")
def validate_same_tx(stmt: Stmt, st: State) -> Iterator[Hit]:
    table = relname(stmt.node.relation)
    for cmd in stmt.node.cmds or ():
        if cmd.subtype == AT.AT_ValidateConstraint:
            added_in = st.not_valid.get((table, str(cmd.name)))
            if added_in is not None and added_in == stmt.tx and stmt.in_transaction:
                # a FOREIGN KEY's validation looks every row up in the referenced table: its
                # work is that table's too, as for an ADD FOREIGN KEY without NOT VALID
                target = st.not_valid_refs.get((table, str(cmd.name)))
                yield Hit(f"VALIDATE CONSTRAINT {cmd.name} in the transaction that added it", table,
                          also=(target,) if target and target != table else ())


@rule("unique-constraint-builds-index",
      summary="ADD UNIQUE/PRIMARY KEY builds its index under ACCESS EXCLUSIVE: no reads or writes "
              "until the build ends",
      lock="AccessExclusiveLock",
      recipe="CREATE UNIQUE INDEX CONCURRENTLY name ON t (…); then ALTER TABLE t ADD CONSTRAINT name "
             "UNIQUE USING INDEX name (PRIMARY KEY USING INDEX needs the columns NOT NULL first)",
      nodes=("AlterTableStmt",), work="btree-index")
def unique_constraint(stmt: Stmt, st: State) -> Iterator[Hit]:
    table = relname(stmt.node.relation)
    for cmd, con in _added(stmt):
        if con.contype in (CT.CONSTR_UNIQUE, CT.CONSTR_PRIMARY) and not con.indexname:  # type: ignore
            kind = "PRIMARY KEY" if con.contype == CT.CONSTR_PRIMARY else "UNIQUE"  # type: ignore
            # a table constraint names its keys; a column's is on the column itself
            keys: list[str | None] = [str(k.sval) for k in con.keys or ()]  # type: ignore
            if not keys and cmd.subtype == AT.AT_AddColumn:  # type: ignore[attr-defined]
                keys = [str(cmd.def_.colname)]  # type: ignore[attr-defined]
            yield Hit(f"ADD {kind} on {table} builds its index under ACCESS EXCLUSIVE", table,
                      work=btree_kind(st, table, keys))


@rule("exclusion-constraint",
      summary="ADD EXCLUDE builds its index under ACCESS EXCLUSIVE and has no USING INDEX escape",
      lock="AccessExclusiveLock",
      recipe="add it while the table is new or small, or in a maintenance window with a short "
             "lock_timeout; there is no concurrent way to add an exclusion constraint",
      nodes=("AlterTableStmt",), work="gin-many-keys")  # GiST: taken to be no faster
def exclusion(stmt: Stmt, st: State) -> Iterator[Hit]:
    table = relname(stmt.node.relation)
    for _cmd, con in _added(stmt):
        if con.contype == CT.CONSTR_EXCLUSION:  # type: ignore[attr-defined]
            yield Hit(f"ADD EXCLUDE on {table} builds its index under ACCESS EXCLUSIVE", table)


@rule("set-not-null-scan",
      summary="SET NOT NULL scans the whole table under ACCESS EXCLUSIVE unless a validated "
              "CHECK (col IS NOT NULL) proves it",
      lock="AccessExclusiveLock",
      recipe="ADD CONSTRAINT c CHECK (col IS NOT NULL) NOT VALID; COMMIT; VALIDATE CONSTRAINT c; "
             "then SET NOT NULL (PostgreSQL 12+ skips the scan) and DROP CONSTRAINT c",
      nodes=("AlterTableStmt",), work="scan")
def set_not_null(stmt: Stmt, st: State) -> Iterator[Hit]:
    table = relname(stmt.node.relation)
    for cmd in stmt.node.cmds or ():
        if cmd.subtype == AT.AT_SetNotNull:
            col = str(cmd.name)
            if st.proven_not_null(table, col):
                continue
            fails = _fails_on_nulls(st, table, col)
            if fails is not None:
                yield fails
                continue
            yield Hit(f"SET NOT NULL on {table}.{col} without a validated CHECK ({col} IS NOT NULL)",
                      table)


def _fails_on_nulls(st: State, table: str, col: str) -> Hit | None:
    """SET NOT NULL on a column the catalog's statistics say holds NULLs (``--dsn``; pg_stats
    null_frac > 0) and that nothing in the run wrote since: PostgreSQL stops the scan at the
    first NULL with "column … contains null values" and the migration fails. With NULLs spread
    over the table the first comes after ~1 / null_frac rows; when scanning those is within
    the line an estimate must pass, the statement fails fast instead of blocking long — a
    breaking finding, not a lock hazard. None otherwise (no statistics, rows written in the
    run, a new column, or NULLs so rare the scan before the first may be long)."""
    stats = st.stats.columns.get((table, col))
    size = st.stats.sizes.get(table)
    if stats is None or stats.null_frac <= 0 or size is None or size.rows is None or \
            st.wrote_unknown or table in st.written_tables or \
            st.new_column(table, col) is not None:
        return None
    rows = min(size.rows, 1.0 / stats.null_frac)
    seconds = work_seconds(st, table, "scan", rows)
    if seconds is None or seconds > hazard_line(st):
        return None
    return Hit(f"SET NOT NULL on {table}.{col}, which holds NULLs (pg_stats: ~{stats.null_frac:.1%} "
               f"of its rows): the scan stops at the first, after ~{rows:,.0f} rows, with \"column "
               f"{col} … contains null values\" and the migration fails; backfill them first",
               table, rows=rows, tier=BREAKING)
