"""Maintenance commands and materialized views, text search configurations, partitions."""

from __future__ import annotations

from collections.abc import Iterator

from pglast import enums

from pgwarden.analyzers.lint.model import State, Stmt, qualname, relname
from pgwarden.analyzers.lint.rule import ADVICE, BREAKING, Hit, rule

OT = enums.ObjectType


@rule("vacuum-full",
      summary="VACUUM FULL rewrites the table under ACCESS EXCLUSIVE",
      lock="AccessExclusiveLock",
      recipe="plain VACUUM (no lock on reads/writes), or pg_repack / pg_squeeze for an online rewrite",
      nodes=("VacuumStmt",))
def vacuum_full(stmt: Stmt, st: State) -> Iterator[Hit]:
    n = stmt.node
    if any(d.defname == "full" for d in n.options or ()):
        rels = ", ".join(relname(r.relation) for r in n.rels or ()) or "every table"
        yield Hit(f"VACUUM FULL {rels}", relname(n.rels[0].relation) if n.rels else None)


@rule("cluster",
      summary="CLUSTER rewrites the table under ACCESS EXCLUSIVE",
      lock="AccessExclusiveLock",
      recipe="pg_repack --order-by for an online re-ordering, or do without the physical order",
      nodes=("ClusterStmt",))
def cluster(stmt: Stmt, st: State) -> Iterator[Hit]:
    n = stmt.node
    target = relname(n.relation) if n.relation is not None else None
    yield Hit(f"CLUSTER {target or '(every clustered table)'}", target)


@rule("refresh-matview-not-concurrent",
      summary="REFRESH MATERIALIZED VIEW without CONCURRENTLY blocks every reader of the view",
      lock="AccessExclusiveLock",
      recipe="REFRESH MATERIALIZED VIEW CONCURRENTLY … (needs a unique index on the view and a "
             "populated view); or leave refreshes to `pgwarden maintain refresh`",
      nodes=("RefreshMatViewStmt",))
def refresh_matview(stmt: Stmt, st: State) -> Iterator[Hit]:
    n = stmt.node
    if not n.concurrent and not n.skipData:
        yield Hit(f"REFRESH MATERIALIZED VIEW {relname(n.relation)} without CONCURRENTLY",
                  relname(n.relation))


@rule("matview-recreated-in-transaction",
      summary="a materialized view dropped and re-created WITH DATA in one transaction keeps readers "
              "blocked while its whole query runs",
      lock="AccessExclusiveLock",
      recipe="CREATE MATERIALIZED VIEW new_name … (populated outside the transaction), then swap "
             "with DROP + ALTER … RENAME in a short transaction; or create it WITH NO DATA and "
             "REFRESH after COMMIT",
      nodes=("CreateTableAsStmt",), skip_new_tables=False)
def matview_recreated(stmt: Stmt, st: State) -> Iterator[Hit]:
    n = stmt.node
    if n.objtype != OT.OBJECT_MATVIEW or n.into.skipData or not stmt.in_transaction:
        return
    name = relname(n.into.rel)
    if name in st.dropped_matviews:
        yield Hit(f"materialized view {name} dropped and re-created WITH DATA in one transaction", name)


@rule("text-search-config-change",
      summary="changing or dropping (CASCADE) a text search configuration invalidates or drops the "
              "indexes built with it",
      lock=None, blocks="indexes built with the old mapping return wrong results until REINDEX; "
                        "CASCADE drops them",
      recipe="create a new configuration, build new indexes with it CONCURRENTLY, switch queries, "
             "then drop the old one (REINDEX … CONCURRENTLY after an ALTER MAPPING)",
      nodes=("AlterTSConfigurationStmt", "DropStmt", "AlterTSDictionaryStmt"), tier=BREAKING)
def text_search_config(stmt: Stmt, st: State) -> Iterator[Hit]:
    n = stmt.node
    if stmt.kind == "DropStmt":
        if n.removeType not in (OT.OBJECT_TSCONFIGURATION, OT.OBJECT_TSDICTIONARY):
            return
        if n.behavior != enums.DropBehavior.DROP_CASCADE:
            return
        for obj in n.objects or ():
            name = qualname(obj)
            if name not in st.created_tables:
                yield Hit(f"DROP TEXT SEARCH {_kind(n.removeType)} {name} CASCADE{_users(st, name)}")
        return
    name = qualname(n.cfgname if stmt.kind == "AlterTSConfigurationStmt" else n.dictname)
    if name not in st.created_tables:  # created by this migration: no index uses it yet
        what = "CONFIGURATION" if stmt.kind == "AlterTSConfigurationStmt" else "DICTIONARY"
        yield Hit(f"ALTER TEXT SEARCH {what} {name} changes how existing indexes were built"
                  f"{_users(st, name)}")


def _kind(t: object) -> str:
    return "CONFIGURATION" if t == OT.OBJECT_TSCONFIGURATION else "DICTIONARY"


def _users(st: State, name: str) -> str:
    users = sorted(st.ts_config_users.get(name, ()))
    return f" (indexes using it: {', '.join(users)})" if users else ""


# Advice: the detach itself scans nothing; the ACCESS EXCLUSIVE request on the parent is what can
# queue behind a long query (and every query on the parent behind it).
@rule("detach-partition-not-concurrent",
      summary="DETACH PARTITION without CONCURRENTLY takes ACCESS EXCLUSIVE on the parent: instant, "
              "but queued behind a long query it stalls every query on the partitioned table",
      lock="AccessExclusiveLock",
      recipe="ALTER TABLE parent DETACH PARTITION child CONCURRENTLY (PostgreSQL 14+), outside a "
             "transaction; or keep a short lock_timeout and retry",
      nodes=("AlterTableStmt",), tier=ADVICE)
def detach_partition(stmt: Stmt, st: State) -> Iterator[Hit]:
    n = stmt.node
    for cmd in n.cmds or ():
        if cmd.subtype == enums.AlterTableType.AT_DetachPartition and not cmd.def_.concurrent:
            yield Hit(f"DETACH PARTITION {relname(cmd.def_.name)} from {relname(n.relation)} "
                      "without CONCURRENTLY", relname(n.relation))
