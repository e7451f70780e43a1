"""Index builds, drops and rebuilds: CONCURRENTLY, and what it needs to be re-runnable."""

from __future__ import annotations

from collections.abc import Iterator

from pglast import ast, enums

from pgwarden.analyzers.lint.model import State, Stmt, func_names, qualname, relname
from pgwarden.analyzers.lint.rule import ADVICE, BREAKING, Hit, rule
from pgwarden.analyzers.lint.sizes import btree_kind

AUTOCOMMIT = ("in an alembic revision: `with op.get_context().autocommit_block():`; in psql: "
              "outside BEGIN/COMMIT")


# GIN operator classes and expressions that make dozens of keys per row (a trigram per three
# characters, a lexeme per word): an order of magnitude slower to build than one with a few
# keys per row (an array's elements, a jsonb document's paths) — bench/lint_work_speed.py
MANY_KEYS_OPCLASSES = frozenset({"gin_trgm_ops", "gist_trgm_ops", "tsvector_ops"})
MANY_KEYS_FUNCTIONS = frozenset({"to_tsvector", "setweight", "array_to_tsvector",
                                 "jsonb_to_tsvector", "json_to_tsvector"})


def _build_kind(method: str, params: object, st: State, table: str) -> str:
    """The kind of build (sizes.RATES) of an index of access method ``method`` on ``params``."""
    if method in ("gist", "spgist"):
        return "gin-many-keys"  # GiST: taken to be no faster than the slowest GIN
    if method == "btree":  # each key a column's name, or None for an expression
        keys = [str(e.name) if e.name else None for e in params or ()]  # type: ignore[attr-defined]
        return btree_kind(st, table, keys)
    if method != "gin":
        return "btree-index"  # hash, bloom…: taken as the slowest btree
    for elem in params or ():  # type: ignore[attr-defined]
        opclass = qualname(getattr(elem, "opclass", None)).rpartition(".")[2]
        if opclass in MANY_KEYS_OPCLASSES or func_names(elem) & MANY_KEYS_FUNCTIONS:
            return "gin-many-keys"
        column = getattr(elem, "name", None)
        if column and st.column_types.get((table, str(column)), ("",))[0] == "tsvector":
            return "gin-many-keys"
    return "gin-index"


@rule("index-not-concurrent",
      summary="CREATE INDEX without CONCURRENTLY blocks writes to the table for the whole build",
      lock="ShareLock",
      recipe="CREATE INDEX CONCURRENTLY IF NOT EXISTS … outside a transaction (" + AUTOCOMMIT + ")",
      nodes=("IndexStmt",))
def index_not_concurrent(stmt: Stmt, st: State) -> Iterator[Hit]:
    n = stmt.node
    table = relname(n.relation)
    if not n.relation.inh and (table in st.partitioned or table not in st.stats.sizes):
        # CREATE INDEX … ON ONLY a partitioned table builds nothing: the parent has no storage,
        # the index is created INVALID and each partition's index is built (CONCURRENTLY) and
        # attached later. ONLY is written for nothing else; on a plain table (the catalog says
        # so) it builds the index like any other.
        return
    if not n.concurrent:
        name = n.idxname or "(unnamed)"
        method = str(n.accessMethod or "btree").lower()
        yield Hit(f"CREATE INDEX {name} on {relname(n.relation)} without CONCURRENTLY",
                  relname(n.relation), work=_build_kind(method, n.indexParams, st, table))


# Advice, not a hazard: the drop itself is instant, like ADD COLUMN; what hurts is the ACCESS
# EXCLUSIVE request queued behind a long query, with every query on the table queued behind it.
@rule("drop-index-not-concurrent",
      summary="DROP INDEX without CONCURRENTLY takes ACCESS EXCLUSIVE on the index's table: instant, "
              "but queued behind a long query it stalls every query on the table",
      lock="AccessExclusiveLock",
      recipe="DROP INDEX CONCURRENTLY IF EXISTS … outside a transaction (" + AUTOCOMMIT + ")",
      nodes=("DropStmt",), tier=ADVICE)
def drop_index_not_concurrent(stmt: Stmt, st: State) -> Iterator[Hit]:
    n = stmt.node
    if n.removeType != enums.ObjectType.OBJECT_INDEX or n.concurrent:
        return
    for obj in n.objects or ():
        name = qualname(obj)
        if name not in st.index_names:  # built by this migration: nobody relies on it yet
            yield Hit(f"DROP INDEX {name} without CONCURRENTLY")


@rule("reindex-not-concurrent",
      summary="REINDEX without CONCURRENTLY blocks writes to the table and reads that use the index",
      lock="ShareLock",
      recipe="REINDEX INDEX CONCURRENTLY … (PostgreSQL 12+) outside a transaction; drop a leftover "
             "*_ccnew index if it is cancelled",
      nodes=("ReindexStmt",))
def reindex_not_concurrent(stmt: Stmt, st: State) -> Iterator[Hit]:
    n = stmt.node
    params = {d.defname for d in n.params or ()}
    if "concurrently" not in params:
        target = relname(n.relation) if n.relation is not None else str(n.name or "")
        yield Hit(f"REINDEX {target} without CONCURRENTLY")


def _concurrent_kind(n: object) -> str | None:
    if isinstance(n, ast.IndexStmt) and n.concurrent:
        return "CREATE INDEX CONCURRENTLY"
    if isinstance(n, ast.DropStmt) and n.concurrent:
        return "DROP INDEX CONCURRENTLY"
    if isinstance(n, ast.ReindexStmt) and any(d.defname == "concurrently" for d in n.params or ()):
        return "REINDEX CONCURRENTLY"
    if isinstance(n, ast.AlterTableStmt):
        for cmd in n.cmds or ():
            if cmd.subtype == enums.AlterTableType.AT_DetachPartition and cmd.def_.concurrent:
                return "DETACH PARTITION CONCURRENTLY"
    return None


@rule("concurrently-in-transaction",
      summary="a CONCURRENTLY command inside a transaction block fails (ERROR: cannot run inside a "
              "transaction block)",
      lock=None, blocks="nothing: the migration fails",
      recipe="run it on its own, outside the transaction (" + AUTOCOMMIT + ")",
      nodes=("IndexStmt", "DropStmt", "ReindexStmt", "AlterTableStmt"), skip_new_tables=False,
      tier=BREAKING)
def concurrently_in_transaction(stmt: Stmt, st: State) -> Iterator[Hit]:
    kind = _concurrent_kind(stmt.node)
    if kind and stmt.in_transaction:
        where = "the revision's transaction" if stmt.runner == "alembic" else "BEGIN … COMMIT"
        yield Hit(f"{kind} inside {where}")


@rule("concurrent-index-not-rerunnable",
      summary="a failed CREATE INDEX CONCURRENTLY leaves an INVALID index behind that a re-run "
              "either trips over or silently keeps",
      lock=None, blocks="nothing while it builds; the re-run after a failure is what breaks",
      recipe="DROP INDEX CONCURRENTLY IF EXISTS name; then CREATE INDEX CONCURRENTLY IF NOT EXISTS "
             "name …, each outside a transaction (or pgwarden's ops.create_index_concurrently, "
             "which does both)",
      nodes=("IndexStmt",), tier=ADVICE)
def concurrent_index_not_rerunnable(stmt: Stmt, st: State) -> Iterator[Hit]:
    n = stmt.node
    if not n.concurrent or not n.idxname or relname(n.relation) in st.partitioned:
        return  # on a partitioned table it fails outright (concurrently-on-partitioned)
    name = str(n.idxname)
    if name in st.dropped_indexes:
        return
    if stmt.helper == "create_index_concurrently":
        return  # pgwarden's ops helper drops an INVALID leftover and rebuilds it on re-run
    if not n.if_not_exists:
        yield Hit(f"CREATE INDEX CONCURRENTLY {name} without IF NOT EXISTS fails on re-run after a "
                  "cancelled build", relname(n.relation))
    else:
        yield Hit(f"CREATE INDEX CONCURRENTLY IF NOT EXISTS {name} keeps an INVALID leftover of a "
                  "cancelled build; drop it first", relname(n.relation))


@rule("concurrently-on-partitioned",
      summary="CREATE INDEX CONCURRENTLY on a partitioned table fails (ERROR: cannot create index "
              "on partitioned table … concurrently), with or without ONLY",
      lock=None, blocks="nothing: the migration fails",
      recipe="CREATE INDEX … ON ONLY the parent (instant: an INVALID index on no storage), then "
             "CREATE INDEX CONCURRENTLY on each partition and ALTER INDEX parent_idx ATTACH "
             "PARTITION partition_idx; the parent's index is valid once every partition's is",
      nodes=("IndexStmt",), skip_new_tables=False, tier=BREAKING)
def concurrently_on_partitioned(stmt: Stmt, st: State) -> Iterator[Hit]:
    n = stmt.node
    table = relname(n.relation)
    if n.concurrent and table in st.partitioned:
        yield Hit(f"CREATE INDEX CONCURRENTLY on the partitioned table {table}", table)
