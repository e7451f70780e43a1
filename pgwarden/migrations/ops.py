"""Operations pgwarden revisions use on top of ``alembic.op``.

- ``run_file("schema/core")`` runs a SQL file from ``pgwarden/sql`` verbatim (online through
  the driver, so ``%`` and ``:name`` in SQL text are never taken for parameters; offline it
  is copied into the script as is).
- ``create_index_concurrently(...)`` / ``drop_index_concurrently(...)`` run outside the
  revision's transaction (alembic's ``autocommit_block``) with ``statement_timeout`` off. A
  CREATE INDEX CONCURRENTLY that is cancelled or killed leaves an INVALID index behind, and
  ``IF NOT EXISTS`` would keep that useless index for ever: the helper drops and rebuilds an
  invalid one, skips a valid one it built before (marked in the index comment) and refuses a
  valid index of the same name with another definition.
"""

from __future__ import annotations

import hashlib
import re
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import psycopg
from alembic import op
from psycopg import sql

from pgwarden import sql as sqlfiles
from pgwarden.config import pg_duration
from pgwarden.errors import LockHeld, PgwardenError
from pgwarden.migrations.naming import partition_layout
from pgwarden.migrations.settings import MigrateSettings

MARK = "pgwarden:"


def _context() -> Any:
    return op.get_context()


def settings() -> MigrateSettings:
    """The running migration's settings (defaults when run without pgwarden's env.py)."""
    found = _context().opts.get("pgwarden_settings")
    return found if isinstance(found, MigrateSettings) else MigrateSettings()


def offline() -> bool:
    return bool(_context().as_sql)


def driver_connection() -> Any:
    """The psycopg connection under the migration's SQLAlchemy connection."""
    raw: Any = op.get_bind().connection.driver_connection
    return raw


def server_major() -> int:
    """The server's major version (offline: ``-x server_major=N``, default 18)."""
    ctx = _context()
    if ctx.as_sql:
        return int(ctx.opts.get("pgwarden_server_major") or 18)
    return int(driver_connection().info.server_version) // 10000


def execute_sql(text: str) -> None:
    """Run ``text`` (one or more statements) verbatim in the current transaction."""
    ctx = _context()
    if ctx.as_sql:
        ctx.impl.static_output(text.strip().rstrip(";") + ";\n")
        return
    # through the driver without parameters: psycopg then sends the text untouched (several
    # statements, '%' and ':name' included) inside the transaction SQLAlchemy has open
    driver_connection().execute(text)


def run_file(name: str) -> None:
    """Run ``pgwarden/sql/<name>.sql`` (see ``execute_sql``)."""
    execute_sql(sqlfiles.load(name))


def run_file_for(name: str) -> None:
    """Run the variant of ``pgwarden/sql/<name>.sql`` written for this server's version."""
    execute_sql(sqlfiles.load_for(name, server_major() * 10000))


def relation_exists(name: str) -> bool:
    """Whether ``name`` resolves to a relation (offline: assumed present)."""
    if offline():
        return True
    row = driver_connection().execute(sqlfiles.load("schema/has_relation"), {"name": name}).fetchone()
    return bool(row and row[0])


def extension_installed(name: str) -> bool:
    """Whether extension ``name`` is installed in the database (offline: assumed present)."""
    if offline():
        return True
    row = driver_connection().execute(sqlfiles.load("schema/has_extension"), {"name": name}).fetchone()
    return bool(row and row[0])


def notice(text: str) -> None:
    """Tell the user something (the run's report; a comment in an offline script)."""
    ctx = _context()
    if ctx.as_sql:
        ctx.impl.static_output(f"-- NOTICE: {text}\n")
        return
    report = ctx.opts.get("pgwarden_report")
    if report is not None:
        report.notice(f"NOTICE: {text}")


def set_local(name: str, value: str) -> None:
    """``set_config(name, value, true)``: a custom setting SQL files read with current_setting."""
    if not re.fullmatch(r"[a-z_]+\.[a-z_]+", name):
        raise PgwardenError(f"bad setting name {name!r}")
    ctx = _context()
    literal = sql.Literal(value).as_string(None)
    text = f"SELECT set_config('{name}', {literal}, true)"  # name checked above
    if ctx.as_sql:
        ctx.impl.static_output(text + ";\n")
    else:
        driver_connection().execute(text)


def run_batches(name: str, *, max_batches: int = 1_000_000) -> int:
    """Run the UPDATE/DELETE in ``pgwarden/sql/<name>.sql`` outside the revision's transaction,
    again and again (each batch its own short transaction) until it touches no row.

    Returns the rows touched. For backfills on big live tables: row locks only, held for
    one batch, and a killed run simply continues where it stopped when re-run.
    """
    text = sqlfiles.load(name)
    ctx = _context()
    with ctx.autocommit_block():
        if ctx.as_sql:
            ctx.impl.static_output(f"-- repeat until it reports UPDATE 0 / DELETE 0:\n{text.strip()};\n")
            return 0
        raw = driver_connection()
        total = 0
        for _ in range(max_batches):
            cur = raw.execute(text)
            if not cur.rowcount:
                break
            total += cur.rowcount
        return total


@contextmanager
def _index_session() -> Iterator[Any]:
    """An autocommit block whose session has statement_timeout off (restored afterwards)."""
    s = settings()
    ctx = _context()
    with ctx.autocommit_block():
        if ctx.as_sql:
            yield None
            return
        raw = driver_connection()
        raw.execute("SELECT set_config('statement_timeout', '0', false),"
                    " set_config('lock_timeout', %s, false)",
                    (pg_duration(s.index_lock_timeout.seconds),))
        try:
            yield raw
        finally:
            if not raw.closed:
                raw.execute("SELECT set_config('statement_timeout', %s, false),"
                            " set_config('lock_timeout', %s, false)",
                            (pg_duration(s.statement_timeout.seconds),
                             pg_duration(s.lock_timeout.seconds)))


def index_statement(name: str, table: str, columns: Sequence[str], *, unique: bool = False,
                    using: str = "btree", include: Sequence[str] = (), where: str | None = None,
                    schema: str = "public", concurrently: bool = True,
                    if_not_exists: bool = False, only: bool = False) -> str:
    """The CREATE INDEX text (``columns``/``where`` are SQL fragments written in revisions)."""
    if not re.fullmatch(r"[a-z_]+", using):
        raise PgwardenError(f"bad index method {using!r}")
    parts = [sql.SQL("CREATE "), sql.SQL("UNIQUE ") if unique else sql.SQL(""),
             sql.SQL("INDEX "), sql.SQL("CONCURRENTLY ") if concurrently else sql.SQL(""),
             sql.SQL("IF NOT EXISTS ") if if_not_exists else sql.SQL(""),
             sql.Identifier(name), sql.SQL(" ON ONLY " if only else " ON "),
             sql.Identifier(schema, table),
             sql.SQL(f" USING {using} ("), sql.SQL(", ").join(sql.SQL(c) for c in columns),
             sql.SQL(")")]
    if include:
        parts += [sql.SQL(" INCLUDE ("), sql.SQL(", ").join(sql.Identifier(c) for c in include),
                  sql.SQL(")")]
    if where:
        parts += [sql.SQL(" WHERE "), sql.SQL(where)]
    return sql.Composed(parts).as_string(None)


def marker(statement: str) -> str:
    """The comment pgwarden puts on an index it built: a hash of the defining statement."""
    return MARK + hashlib.sha256(statement.encode()).hexdigest()[:16]


def _signature(raw: Any, oid: int) -> tuple[Any, ...] | None:
    row = raw.execute(sqlfiles.load("migrate/index_signature"), {"oid": oid}).fetchone()
    return tuple(row) if row is not None else None


def same_definition(raw: Any, oid: int, *, table: str, schema: str, columns: Sequence[str],
                    unique: bool, using: str, include: Sequence[str], where: str | None) -> bool:
    """Whether the existing index ``oid`` is the index this definition builds, compared as the
    catalog sees both (``sql/migrate/index_signature.sql``), never as text: the definition is
    built on an empty temporary copy of the table's columns in a transaction rolled back, so
    casts, quoting, schema qualification and expression spelling cannot make equal indexes
    differ."""
    existing = _signature(raw, oid)
    probe_table = "pgwarden_index_probe"
    probe_index = "pgwarden_index_probe_idx"
    result: list[bool] = []
    with raw.transaction():
        raw.execute(sql.SQL("CREATE TEMPORARY TABLE {} (LIKE {}) ON COMMIT DROP").format(
            sql.Identifier(probe_table), sql.Identifier(schema, table)))
        raw.execute(index_statement(probe_index, probe_table, columns, unique=unique,
                                    using=using, include=include, where=where,
                                    schema="pg_temp", concurrently=False))
        row = raw.execute(sqlfiles.load("migrate/index_oid"),
                          {"schema": "pg_temp", "name": probe_index}).fetchone()
        result.append(row is not None and _signature(raw, row[0]) == existing)
        raise psycopg.Rollback  # the temporary table and its index go with it
    return bool(result and result[0])


def _wait_for_running_build(raw: Any, oid: int, table_oid: int, ident: str) -> bool:
    """When another session is still building this index (the orphan of a killed run goes on
    after its client died), say so, naming its pid, and wait for it; give up after
    ``[migrate] build_wait``. Returns whether a build was running."""
    waited = False
    limit = settings().build_wait.seconds
    started = time.monotonic()
    said = False
    while True:
        row = raw.execute(sqlfiles.load("migrate/index_build_running"),
                          {"oid": oid, "table_oid": table_oid}).fetchone()
        if row is None:
            return waited
        pid, command, phase, done, total, running_s = row
        progress = f", {100 * done / total:.0f}% of blocks" if total else ""
        if not said:
            notice(f"index {ident} is still being built by pid {pid} ({command}, phase "
                   f"'{phase}'{progress}, running {running_s or 0:.0f} s): probably the orphan "
                   "of a killed run; waiting for it to finish")
            said = True
        waited = True
        if time.monotonic() - started > limit:
            raise LockHeld(
                f"index {ident} is still being built by pid {pid} ({command}, phase '{phase}'"
                f"{progress}) after waiting {limit:.0f} s",
                hint=f"let it finish and re-run, or stop it with SELECT pg_cancel_backend({pid})")
        time.sleep(min(1.0, max(0.05, limit / 20)))


def create_index_concurrently(name: str, table: str, columns: Sequence[str], *,
                              unique: bool = False, using: str = "btree",
                              include: Sequence[str] = (), where: str | None = None,
                              schema: str = "public") -> str:
    """Build an index with CREATE INDEX CONCURRENTLY, converging after a killed run.

    Returns what it did: ``"created"``, ``"rebuilt"`` (an INVALID leftover was dropped
    first), ``"kept"`` (a valid identical index exists) or ``"offline"``.

    On a partitioned table, which refuses CONCURRENTLY, it builds the index the way that never
    blocks the table's writes: ``ON ONLY`` the table (no rows: at once), each leaf partition's
    own index CONCURRENTLY (converging as above; named after the partition with a hash of
    ``name``), each attached to its parent's. The parent's index is valid once the last is
    attached; a re-run skips what is done and finishes the rest.
    """
    stmt = index_statement(name, table, columns, unique=unique, using=using, include=include,
                           where=where, schema=schema)
    mark = marker(stmt)
    with _index_session() as raw:
        if raw is None:
            ident = sql.Identifier(schema, name).as_string(None)
            ctx = _context()
            ctx.impl.static_output(
                f"-- a previous run may have left {ident} INVALID: `pgwarden migrate status` "
                f"lists such indexes; drop one with DROP INDEX CONCURRENTLY {ident};\n"
                f"-- on a partitioned table CONCURRENTLY is refused: build it ON ONLY the table, "
                f"CONCURRENTLY on each partition, then ALTER INDEX … ATTACH PARTITION\n")
            ctx.impl.static_output(index_statement(
                name, table, columns, unique=unique, using=using, include=include, where=where,
                schema=schema, if_not_exists=True) + ";\n")
            ctx.impl.static_output(_comment(schema, name, mark).as_string(None) + ";\n")
            return "offline"
        tree = raw.execute(sqlfiles.load("migrate/partition_tree"),
                           {"schema": schema, "table": table}).fetchall()
        spec = _IndexSpec(tuple(columns), unique, using, tuple(include), where)
        if tree:
            return _build_partitioned(raw, name, table, schema, spec, mark, tree)
        return _build(raw, name, table, schema, spec, stmt, mark)


class _IndexSpec:
    """What an index is, apart from its name and table."""

    def __init__(self, columns: tuple[str, ...], unique: bool, using: str,
                 include: tuple[str, ...], where: str | None):
        self.columns, self.unique, self.using = columns, unique, using
        self.include, self.where = include, where

    def statement(self, name: str, table: str, schema: str, *, concurrently: bool = True,
                  if_not_exists: bool = False, only: bool = False) -> str:
        return index_statement(name, table, self.columns, unique=self.unique, using=self.using,
                               include=self.include, where=self.where, schema=schema,
                               concurrently=concurrently, if_not_exists=if_not_exists, only=only)


def _comment(schema: str, name: str, mark: str) -> sql.Composed:
    return sql.SQL("COMMENT ON INDEX {} IS {}").format(sql.Identifier(schema, name),
                                                       sql.Literal(mark))


def _build(raw: Any, name: str, table: str, schema: str, spec: _IndexSpec, stmt: str,
           mark: str) -> str:
    """One table's index, CONCURRENTLY, converging after a killed run (see
    ``create_index_concurrently``)."""
    comment = _comment(schema, name, mark)
    ident = sql.Identifier(schema, name).as_string(None)
    state = raw.execute(sqlfiles.load("migrate/index_state"),
                        {"schema": schema, "name": name}).fetchone()
    if state is not None and not state[1]:
        # INVALID may mean "still being built" by the orphan of a killed client
        if _wait_for_running_build(raw, state[5], state[6], ident):
            state = raw.execute(sqlfiles.load("migrate/index_state"),
                                {"schema": schema, "name": name}).fetchone()
    action = "created"
    if state is not None:
        tbl, valid, _ready, definition, existing_comment, oid, _table_oid = state
        if valid and (existing_comment == mark or (tbl == table and same_definition(
                raw, oid, table=table, schema=schema, columns=spec.columns, unique=spec.unique,
                using=spec.using, include=spec.include, where=spec.where))):
            if existing_comment != mark:
                raw.execute(comment)
                notice(f"index {ident} was already built (by a run killed before it could "
                       "mark it): kept it")
            return "kept"
        if valid:
            raise PgwardenError(
                f"index {schema}.{name} already exists with another definition: "
                f"{definition}", hint="rename or drop it, then re-run the migration")
        # INVALID: left by a cancelled or killed CREATE INDEX CONCURRENTLY
        raw.execute(sql.SQL("DROP INDEX CONCURRENTLY IF EXISTS {}").format(
            sql.Identifier(schema, name)))
        action = "rebuilt"
        notice(f"index {schema}.{name} was INVALID (an interrupted CONCURRENTLY build): "
               "dropped it and building it again")
    raw.execute(stmt)
    raw.execute(comment)
    return action


def _build_partitioned(raw: Any, name: str, table: str, schema: str, spec: _IndexSpec, mark: str,
                       tree: Sequence[Any]) -> str:
    """``create_index_concurrently`` on a partitioned table: ON ONLY it and its partitioned
    partitions, CONCURRENTLY on each leaf, each attached to its parent's (deepest first)."""
    ident = sql.Identifier(schema, name).as_string(None)
    state = raw.execute(sqlfiles.load("migrate/index_state"),
                        {"schema": schema, "name": name}).fetchone()
    if state is not None and state[1]:
        tbl, _valid, _ready, definition, existing_comment, oid, _table_oid = state
        if existing_comment == mark or (tbl == table and same_definition(
                raw, oid, table=table, schema=schema, columns=spec.columns, unique=spec.unique,
                using=spec.using, include=spec.include, where=spec.where)):
            return "kept"
        raise PgwardenError(f"index {schema}.{name} already exists with another definition: "
                            f"{definition}", hint="rename or drop it, then re-run the migration")
    action = "created" if state is None else "completed"
    raw.execute(spec.statement(name, table, schema, concurrently=False, if_not_exists=True,
                               only=True))
    # (level, leaf, schema, table, parent schema, parent table, foreign), parents first
    layout = partition_layout(schema, table, name,
                              [(r[2], r[3], r[4], r[5], r[1], r[6]) for r in tree])
    for p_schema, p_table, child in layout.inner:
        raw.execute(spec.statement(child, p_table, p_schema, concurrently=False,
                                   if_not_exists=True, only=True))
    for p_schema, p_table, child in layout.leaves:
        _build(raw, child, p_table, p_schema, spec, spec.statement(child, p_table, p_schema),
               mark)
    for parent_schema, parent, p_schema, child in layout.attach:  # a no-op when attached
        raw.execute(sql.SQL("ALTER INDEX {} ATTACH PARTITION {}").format(
            sql.Identifier(parent_schema, parent), sql.Identifier(p_schema, child)))
    raw.execute(_comment(schema, name, mark))
    if layout.foreign:
        notice(f"index {ident}: {layout.foreign} foreign partition(s) cannot have an "
               "index; the partitioned index stays invalid, the partitions' indexes serve")
    return action


def drop_index_concurrently(name: str, schema: str = "public") -> None:
    """DROP INDEX CONCURRENTLY IF EXISTS, outside the transaction, statement_timeout off. A
    partitioned table's index cannot be dropped CONCURRENTLY: it is dropped with its
    partitions' parts by a plain DROP INDEX (quick: no scan; it waits at most the migration's
    index lock_timeout for the table's lock)."""
    stmt = sql.SQL("DROP INDEX CONCURRENTLY IF EXISTS {}").format(sql.Identifier(schema, name))
    with _index_session() as raw:
        if raw is None:
            _context().impl.static_output(stmt.as_string(None) + ";\n")
            return
        row = raw.execute(sqlfiles.load("migrate/index_partitioned"),
                          {"schema": schema, "name": name}).fetchone()
        if row is not None and row[0]:
            stmt = sql.SQL("DROP INDEX IF EXISTS {}").format(sql.Identifier(schema, name))
        raw.execute(stmt)
