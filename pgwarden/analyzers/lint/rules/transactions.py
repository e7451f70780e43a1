"""Timeouts, lock upgrades and backfills: what a transaction holds, and for how long."""

from __future__ import annotations

from collections.abc import Iterator

from pglast import ast

from pgwarden.analyzers.lint.model import LOCKING_KINDS, State, Stmt, ddl_target, dml_target, relname
from pgwarden.analyzers.lint.rule import ADVICE, Hit, rule
from pgwarden.analyzers.lint.sizes import SMALL_WORK_S, matched_rows, work_seconds


def _is_zero(arg: object) -> bool:
    val = getattr(arg, "val", None)
    if isinstance(val, ast.Integer):
        return not val.ival
    if isinstance(val, ast.String):
        text = str(val.sval).strip().lower()
        return text.rstrip("mshdin ") in ("0", "") and text[:1] == "0"
    return False


@rule("timeout-disabled",
      summary="SET lock_timeout/statement_timeout = 0 lets a migration queue behind a long "
              "transaction while every query on the table queues behind it",
      lock=None, blocks="every later query on a table the migration waits for",
      recipe="SET LOCAL lock_timeout = '2s' (retry on failure); a bounded statement_timeout such as "
             "'30min' for a long CONCURRENTLY build",
      nodes=("VariableSetStmt",), skip_new_tables=False, tier=ADVICE)
def timeout_disabled(stmt: Stmt, st: State) -> Iterator[Hit]:
    n = stmt.node
    if n.name in ("lock_timeout", "statement_timeout") and any(_is_zero(a) for a in n.args or ()):
        yield Hit(f"SET {n.name} = 0 disables the timeout")


@rule("missing-timeouts",
      summary="a file run outside pgwarden's runner takes locks without SET lock_timeout / "
              "statement_timeout (only with --require-timeouts)",
      lock=None, blocks="a DDL waiting for its lock blocks every query queued behind it",
      recipe="start the file with SET lock_timeout = '2s'; SET statement_timeout = '5min'; (or run "
             "it through `pgwarden migrate`, which sets them)",
      nodes=LOCKING_KINDS, skip_new_tables=False)
def missing_timeouts(stmt: Stmt, st: State) -> Iterator[Hit]:
    if stmt.runner != "psql" or not st.require_timeouts or st.locked_before:
        return  # only the file's first locking statement: the timeouts belong before it
    missing = [t for t in ("lock_timeout", "statement_timeout") if t not in st.timeouts]
    if missing:
        yield Hit(f"{stmt.verb} before SET {' / '.join(missing)}")


# Advice (docs/lint.md): the DDL's lock is taken after the DML's work is done and held only to
# COMMIT, so the upgrade makes nobody wait while the table is worked through; what it adds is a
# deadlock with a writer that holds a row the DML touched — detected after deadlock_timeout,
# one side rolled back, and the re-run works. A long DML is the backfill rules' finding.
@rule("lock-upgrade",
      summary="DML then DDL on the same table in one transaction: the held ROW EXCLUSIVE is "
              "upgraded, a classic deadlock with the application",
      lock=None, blocks="the ROW EXCLUSIVE the DML holds is upgraded to the DDL's lock: writers queue "
                        "behind it, and one that holds a row the DML touched deadlocks",
      recipe="run the DDL first in its own short transaction, or the DML in a separate transaction "
             "after it",
      nodes=("AlterTableStmt", "IndexStmt", "RenameStmt"), tier=ADVICE)
def lock_upgrade(stmt: Stmt, st: State) -> Iterator[Hit]:
    table = ddl_target(stmt.node)
    if stmt.in_transaction and table and table in st.dml_tables:
        yield Hit(f"{stmt.verb} on {table} after DML on it in the same "
                  "transaction", table)


@rule("backfill-whole-table",
      summary="an UPDATE or DELETE without WHERE (or, with --dsn, one whose WHERE the statistics "
              "say matches more rows than a short statement updates) touches them all in one "
              "transaction: row locks on every one (writers wait), bloat, WAL spike, replication lag",
      lock="RowExclusiveLock",
      recipe="backfill (or delete) in batches of a few thousand rows by primary key range, one "
             "transaction each (outside the migration or in an autocommit_block); to empty a "
             "table, TRUNCATE",
      nodes=("UpdateStmt", "DeleteStmt"), work="update")
def backfill_whole_table(stmt: Stmt, st: State) -> Iterator[Hit]:
    n = stmt.node
    table = relname(n.relation)
    if n.whereClause is None:
        yield Hit(f"{stmt.verb} {table} without WHERE", table)
        return
    rows = matched_rows(st, table, n.whereClause)
    if rows is None:
        return  # no statistics, or a WHERE they cannot estimate: taken to be a batch
    seconds = work_seconds(st, table, "update", rows)
    if seconds is not None and seconds > SMALL_WORK_S:
        total = st.stats.sizes[table].rows or 0
        yield Hit(f"{stmt.verb} {table} WHERE … matches ~{rows:,.0f} of {total:,.0f} rows by the "
                  f"statistics (~{seconds:.1f} s of row locks in one transaction)", table,
                  rows=rows)


@rule("backfill-in-ddl-transaction",
      summary="a backfill in the transaction that altered the table keeps the DDL's ACCESS "
              "EXCLUSIVE lock for the whole backfill",
      lock="AccessExclusiveLock",
      recipe="COMMIT the DDL first; backfill in batches in separate transactions",
      nodes=("UpdateStmt", "DeleteStmt", "InsertStmt"))
# no ``work``: how long the DML keeps the lock depends on rows it touches, not the table's size
def backfill_in_ddl_tx(stmt: Stmt, st: State) -> Iterator[Hit]:
    table = dml_target(stmt.node)
    if stmt.kind == "InsertStmt" and stmt.node.selectStmt is not None and \
            getattr(stmt.node.selectStmt, "valuesLists", None):
        return  # INSERT … VALUES: a few rows, not a backfill
    if stmt.in_transaction and table and table in st.ddl_tables:
        yield Hit(f"{stmt.verb} on {table} in the transaction that "
                  "altered it", table)
