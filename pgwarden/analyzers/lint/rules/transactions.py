"""Timeouts, lock upgrades and backfills: what a transaction holds, and for how long."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pglast import ast, enums
from pglast.visitors import Visitor

from pgwarden.analyzers.lint.model import (
    LOCKING_KINDS,
    State,
    Stmt,
    ddl_target,
    dml_target,
    qualname,
    relname,
)
from pgwarden.analyzers.lint.plpgsql import Body, BodyDml, call_arguments, read_body, routine_source
from pgwarden.analyzers.lint.rule import ADVICE, BREAKING, Hit, rule
from pgwarden.analyzers.lint.sizes import (
    SMALL_WORK_S,
    batch_of,
    bounded_source_rows,
    touched_fraction,
    work_seconds,
)

# without the table's size: a WHERE the planner's defaults say keeps more than this share of the
# rows touches "most of the table" (IS NOT NULL, <>, a column this migration added, a join to
# a whole relation); a boolean column (a half), a one-sided range (a third) or an equality
# (0.5 %) is taken to be a batch
MOST_ROWS = 0.5


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
      summary="an UPDATE or DELETE without WHERE, or whose WHERE (or join) keeps most rows by the "
              "planner's defaults (with --dsn: by the statistics, more rows than a short statement "
              "updates), touches them all in one transaction: row locks on every one (writers "
              "wait), bloat, WAL spike, replication lag; so does a DO block's or a CALLed "
              "procedure's loop of batches without a COMMIT in the loop, and an INSERT … SELECT … "
              "FROM a whole relation ON CONFLICT DO UPDATE (an UPDATE … FROM it by another name)",
      lock="RowExclusiveLock",
      recipe="backfill (or delete) in batches of a few thousand rows by primary key range, one "
             "transaction each (outside the migration or in an autocommit_block; in a DO block or "
             "procedure: a COMMIT after each batch, outside a transaction block); to empty a "
             "table, TRUNCATE",
      nodes=("UpdateStmt", "DeleteStmt", "DoStmt", "CallStmt", "InsertStmt", "SelectStmt"),
      work="update")
def backfill_whole_table(stmt: Stmt, st: State) -> Iterator[Hit]:
    if stmt.kind == "SelectStmt":
        yield from _row_locking_select(st, stmt.node)
        return
    if stmt.kind == "InsertStmt":
        yield from _upsert(st, stmt)
        return
    if stmt.kind in ("DoStmt", "CallStmt"):
        for table, dml, body in _routine_dml(stmt, st):
            verb = f"{_VERB[type(dml.node).__name__]} {table} (in {stmt.verb})"
            if not dml.in_loop:
                yield from _whole_table(st, table, dml.node, verb)
            elif not dml.commits:
                yield from _loop_in_one_transaction(st, table, dml, body, verb)
        return
    table = relname(stmt.node.relation)
    yield from _whole_table(st, table, stmt.node, f"{stmt.verb} {table}")


_VERB = {"UpdateStmt": "UPDATE", "DeleteStmt": "DELETE"}
# FOR UPDATE, FOR NO KEY UPDATE and FOR SHARE block an UPDATE of the row; FOR KEY SHARE only
# a DELETE or a key change
_ROW_LOCKS = {enums.LockClauseStrength.LCS_FORUPDATE: "FOR UPDATE",
              enums.LockClauseStrength.LCS_FORNOKEYUPDATE: "FOR NO KEY UPDATE",
              enums.LockClauseStrength.LCS_FORSHARE: "FOR SHARE"}


def _row_locking_select(st: State, top: Any) -> Iterator[Hit]:
    """``SELECT … FROM t WHERE … FOR UPDATE`` (or FOR SHARE), at the top or in a subquery or
    CTE: every row the WHERE matches is row-locked, as an UPDATE of it would be, until the
    statement ends — in a transaction block until COMMIT. Judged as an UPDATE with that WHERE;
    a LIMIT (a queue's next few rows) or a join is left alone. SKIP LOCKED without a LIMIT
    still locks every matching row nobody else holds (a writer times out on it)."""
    found: list[Any] = []

    class _Selects(Visitor):
        def visit_SelectStmt(self, ancestors: Any, n: Any) -> None:
            if n.lockingClause:
                found.append(n)

    _Selects()(top)
    for sel in found:
        clauses = list(sel.lockingClause)
        strength = _ROW_LOCKS.get(clauses[0].strength)
        items = list(sel.fromClause or ())
        if strength is None or sel.limitCount is not None or len(items) != 1 or \
                not isinstance(items[0], ast.RangeVar):
            continue
        table = relname(items[0])
        shim = ast.DeleteStmt(relation=items[0], whereClause=sel.whereClause)
        yield from _whole_table(st, table, shim, f"SELECT … {strength} on {table}")


def _upsert(st: State, stmt: Stmt) -> Iterator[Hit]:
    """``INSERT … SELECT … FROM src ON CONFLICT … DO UPDATE`` without a WHERE in the SELECT:
    every row of ``src`` whose key the table already has is updated (and row-locked) in one
    statement — an ``UPDATE … FROM src`` by another name. Rows: ``src``'s (at most the
    table's) by the catalog's sizes; ``src``'s size unknown (no --dsn, or a table the
    migration made): every row of it, as an UPDATE joined to a whole relation is taken."""
    n = stmt.node
    conflict = n.onConflictClause
    select = n.selectStmt
    if conflict is None or conflict.action != enums.OnConflictAction.ONCONFLICT_UPDATE or \
            not isinstance(select, ast.SelectStmt) or select.whereClause is not None or \
            select.groupClause or select.limitCount is not None:
        return
    items: list[Any] = list(select.fromClause or ())
    if len(items) != 1 or not isinstance(items[0], ast.RangeVar):
        return
    table, source = relname(n.relation), relname(items[0])
    verb = "the upsert of " + table + " from " + source + " (ON CONFLICT DO UPDATE)"
    src = None if st.is_new(source) else st.stats.sizes.get(source)
    dst = st.stats.sizes.get(table)
    if src is not None and src.rows is not None:
        rows = min(src.rows, dst.rows) if dst is not None and dst.rows is not None else src.rows
        seconds = work_seconds(st, table, "update", rows)
        if seconds is not None and seconds > SMALL_WORK_S:
            yield Hit(f"{verb} updates up to ~{rows:,.0f} rows of {table} ({source}'s rows by the "
                      f"catalog's sizes; ~{seconds:.1f} s of row locks in one transaction)", table,
                      rows=rows)
        return
    yield Hit(f"{verb} updates every row of {source} that {table} already has, in one statement "
              f"({source}'s size is unknown" + ("" if st.stats.sizes else ": lint with --dsn") + ")",
              table)


def _whole_table(st: State, table: str, n: Any, verb: str) -> Iterator[Hit]:
    """An UPDATE/DELETE ``n`` that touches most of ``table`` in one statement."""
    if n.whereClause is None and not (getattr(n, "fromClause", None) or
                                      getattr(n, "usingClause", None)):
        yield Hit(f"{verb} without WHERE", table)
        return
    frac = touched_fraction(st, table, n)
    if frac is None:
        return  # a WHERE that reads the row's own data in ways no estimate covers: a batch
    size = st.stats.sizes.get(table)
    cap = bounded_source_rows(st, table, n)
    if cap is not None:  # joined by key to a LIMIT n (or VALUES) subquery/CTE: its keys' rows
        rows = cap if size is None or size.rows is None else min(cap, size.rows)
        seconds = work_seconds(st, table, "update", rows)
        if seconds is not None and seconds > SMALL_WORK_S:
            yield Hit(f"{verb} joined to a LIMIT/VALUES source touches up to ~{rows:,.0f} "
                      f"rows (~{seconds:.1f} s of row locks in one transaction)", table, rows=rows)
        return
    if size is not None and size.rows is not None:
        rows = frac * size.rows
        seconds = work_seconds(st, table, "update", rows)
        if seconds is not None and seconds > SMALL_WORK_S:
            yield Hit(f"{verb} WHERE … matches ~{rows:,.0f} of {size.rows:,.0f} rows "
                      f"by the statistics (~{seconds:.1f} s of row locks in one transaction)",
                      table, rows=rows)
    elif frac > MOST_ROWS:
        joined = getattr(n, "fromClause", None) or getattr(n, "usingClause", None)
        how = f"{'FROM' if isinstance(n, ast.UpdateStmt) else 'USING'} … WHERE …" if joined \
            else "WHERE …"
        yield Hit(f"{verb} {how} matches ~{frac:.0%} of its rows by the planner's "
                  "default selectivities (the table's size is unknown: lint with --dsn)", table)


def _loop_in_one_transaction(st: State, table: str, dml: BodyDml, body: Body,
                             verb: str) -> Iterator[Hit]:
    """A loop of batches with no COMMIT in it: every pass's row locks are held until the block
    (or the CALL) ends. A ``FOR i IN a..b`` loop with constant bounds runs b - a + 1 passes;
    any other loop runs until its batches have walked the table (what a batch loop is for):
    the rows the WHERE's other terms keep."""
    batch = batch_of(st, table, dml.node, body)
    size = st.stats.sizes.get(table)
    why = "no COMMIT in the loop: every batch's row locks are held until the block ends"
    if dml.iterations is not None and batch.rows is not None:
        rows: float | None = dml.iterations * batch.rows
    elif size is not None and size.rows is not None:
        rows = batch.rest * size.rows
    else:
        rows = None
    if rows is not None:
        seconds = work_seconds(st, table, "update", rows)
        if seconds is not None and seconds > SMALL_WORK_S:
            yield Hit(f"{verb} in a loop with {why}: ~{rows:,.0f} rows (~{seconds:.1f} s of row "
                      "locks in one transaction)", table, rows=rows)
    elif batch.rest > MOST_ROWS:
        yield Hit(f"{verb} in a loop with {why}: the loop walks ~{batch.rest:.0%} of the table by "
                  "the planner's default selectivities (the table's size is unknown: lint with "
                  "--dsn)", table)


def _routine_body(stmt: Stmt, st: State) -> Body | None:
    """The PL/pgSQL body a DO block or a CALL of a procedure this run created runs."""
    n = stmt.node
    if isinstance(n, ast.DoStmt):
        source, given = routine_source(n), {}
    else:
        routine = st.routines.get(qualname(n.funccall.funcname)) if n.funccall else None
        if routine is None:
            return None
        source, given = routine_source(routine), call_arguments(routine, n.funccall)
    return read_body(source, given) if source else None


def _routine_dml(stmt: Stmt, st: State) -> Iterator[tuple[str, BodyDml, Body]]:
    """(table, statement, body) for each UPDATE/DELETE a DO block or a CALLed procedure (one
    this run created) runs."""
    body = _routine_body(stmt, st)
    if body is None:
        return
    for dml in body.dml:
        yield relname(dml.node.relation), dml, body


# PostgreSQL: "If CALL is executed in a transaction block, then the called procedure cannot
# execute transaction control statements" (the same for DO): the COMMIT raises "invalid
# transaction termination" and the migration fails, its work rolled back.
@rule("transaction-control-in-transaction",
      summary="a DO block or a CALLed procedure that COMMITs (a batched backfill), run inside a "
              "transaction block: its first COMMIT fails with \"invalid transaction termination\"",
      lock=None, blocks="nothing: the migration fails at the first COMMIT, after one batch",
      recipe="run the CALL (or DO block) on its own, outside BEGIN … COMMIT (in an alembic "
             "revision: `with op.get_context().autocommit_block():`; in psql: autocommit)",
      nodes=("DoStmt", "CallStmt"), tier=BREAKING)
def transaction_control_in_transaction(stmt: Stmt, st: State) -> Iterator[Hit]:
    if not stmt.in_transaction:
        return
    body = _routine_body(stmt, st)
    if body is not None and body.ends_transaction:
        yield Hit(f"{stmt.verb} inside a transaction block runs COMMIT/ROLLBACK: "
                  "\"invalid transaction termination\"")


@rule("backfill-batch-too-large",
      summary="a batched backfill — a DO block's or a CALLed procedure's loop that COMMITs after "
              "each batch — whose batch is so big that its row locks are held longer than a "
              "short statement: a writer of one of its rows waits for the whole batch",
      # no pg_locks claim: the CALL cannot run in the transaction test_lint_locks reads the
      # locks of (its COMMIT fails there); test_lint_batches shows a batch's row locks held to
      # its COMMIT and released at it
      lock=None,
      blocks="ROW EXCLUSIVE and a row lock on every row of the batch, held to the batch's "
             "COMMIT: a writer of one of them waits for the whole batch",
      recipe="smaller batches: at most ~2,000 rows each (what an UPDATE does within 100 ms at "
             "the slowest rate measured, bench/lint_work_speed.py), one COMMIT each",
      nodes=("DoStmt", "CallStmt"), work="update")
def backfill_batch_too_large(stmt: Stmt, st: State) -> Iterator[Hit]:
    if stmt.in_transaction:
        return  # its first COMMIT fails: transaction-control-in-transaction
    for table, dml, body in _routine_dml(stmt, st):
        if not (dml.in_loop and dml.commits):
            continue
        batch = batch_of(st, table, dml.node, body)
        if batch.rows is None:
            continue  # no key range or LIMIT the linter can size: taken to be a small batch
        seconds = work_seconds(st, table, "update", batch.rows)
        if seconds is None or seconds <= SMALL_WORK_S:
            continue
        per = batch.rows / batch.width if batch.width else 0.0
        what = (f"{batch.width:,.0f} values of {batch.column} × ~{per:,.1f} row(s) each"
                if batch.column else f"LIMIT {batch.width:,.0f}")
        yield Hit(f"{_VERB[type(dml.node).__name__]} {table} (in {stmt.verb}) COMMITs after "
                  f"batches of ~{batch.rows:,.0f} rows ({what}): ~{seconds * 1000:,.0f} ms of row "
                  f"locks per batch, over the {SMALL_WORK_S * 1000:.0f} ms a writer may wait",
                  table, rows=batch.rows)


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


# LOCK TABLE modes (lockdefs.h numbering) and what each blocks of the application's traffic:
# SHARE and stronger conflict with ROW EXCLUSIVE (INSERT/UPDATE/DELETE), ACCESS EXCLUSIVE also
# with ACCESS SHARE (SELECT). ROW SHARE, ROW EXCLUSIVE, SHARE UPDATE EXCLUSIVE block neither.
LOCK_MODES = {1: "ACCESS SHARE", 2: "ROW SHARE", 3: "ROW EXCLUSIVE", 4: "SHARE UPDATE EXCLUSIVE",
              5: "SHARE", 6: "SHARE ROW EXCLUSIVE", 7: "EXCLUSIVE", 8: "ACCESS EXCLUSIVE"}
BLOCKS_WRITES = 5
BLOCKS_READS = 8


def _works(stmt: Stmt) -> bool:
    """The statement works through table data: DML (but INSERT … VALUES), a query, a copy."""
    n = stmt.node
    if isinstance(n, ast.InsertStmt):
        return not (n.selectStmt is not None and getattr(n.selectStmt, "valuesLists", None))
    if isinstance(n, ast.SelectStmt):
        return bool(n.fromClause)
    return isinstance(n, ast.UpdateStmt | ast.DeleteStmt | ast.CreateTableAsStmt | ast.CopyStmt |
                      ast.RefreshMatViewStmt)


@rule("lock-held-across-work",
      summary="LOCK TABLE … IN SHARE (or stronger) MODE — or the lock a TRUNCATE, CREATE TRIGGER "
              "or RENAME TO took — held while later statements of the same transaction work "
              "through data: writers (ACCESS EXCLUSIVE: also readers) wait for all of it",
      lock="AccessExclusiveLock",
      blocks="SHARE and stronger block INSERT/UPDATE/DELETE, ACCESS EXCLUSIVE every read too, "
             "until COMMIT",
      recipe="drop the LOCK: do the work in batches of a few thousand rows by primary key range, one "
             "transaction each (a consistent copy: a REPEATABLE READ snapshot needs no lock); if the "
             "table must be frozen, keep the transaction to the instant statements (a TRUNCATE, "
             "CREATE TRIGGER or RENAME: COMMIT it before the work, or fill a new table first and "
             "swap it in with a RENAME in a short transaction)",
      nodes=("UpdateStmt", "DeleteStmt", "InsertStmt", "SelectStmt", "CreateTableAsStmt",
             "CopyStmt", "RefreshMatViewStmt"),
      work="update")
def lock_held_across_work(stmt: Stmt, st: State) -> Iterator[Hit]:
    if not stmt.in_transaction or not st.explicit_locks or not _works(stmt):
        return
    for table, mode in sorted(st.explicit_locks.items()):
        if mode < BLOCKS_WRITES:
            continue
        what = "every read and write" if mode >= BLOCKS_READS else "every write"
        verb = st.lock_taken_by.get(table, "LOCK TABLE")
        took = f"LOCK TABLE {table} IN {LOCK_MODES[mode]} MODE is" if verb == "LOCK TABLE" else \
            f"the {LOCK_MODES[mode]} lock {verb} took on {table} is"
        yield Hit(f"{took} held while {stmt.verb} works in the same transaction: {what} of "
                  f"{table} waits until COMMIT", table)
