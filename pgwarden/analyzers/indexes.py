"""``pgwarden indexes``: unused, duplicate, prefix-redundant and invalid indexes.

Each finding carries why it is one and the ``DROP INDEX CONCURRENTLY`` that fixes it. Indexes
that back a constraint (primary key, unique, exclusion) are never proposed for dropping: the
constraint needs them.

An index is *unused* only when no node uses it: the primary and every replica given
(``[topology] replicas`` / ``--replica``) each report their own ``idx_scan`` — a hot standby
counts the queries it serves — and each node's statistics must be at least ``min_stats_age``
old (a week covers weekly jobs). A replica that cannot be read, or counters younger than that,
make the verdict *unknown*: reported, never a ``DROP``. An index that only a replica uses is
listed as such (the primary alone would have called it unused).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from psycopg import sql
from psycopg.rows import dict_row

from pgwarden import db
from pgwarden import sql as sqlfiles
from pgwarden.analyzers.advisor.catalog import Index, read_indexes
from pgwarden.errors import PgwardenError
from pgwarden.topology import Node
from pgwarden.topology.nodes import REPLICA_TIMEOUTS, replica_nodes


@dataclass(frozen=True)
class Finding:
    kind: str  # unused | duplicate | redundant | invalid
    index: str  # schema.name
    table: str
    bytes: int
    why: str
    fix: str
    definition: str


@dataclass(frozen=True)
class NodeUsage:
    """One node's view of the indexes: scans per index oid and the age of its counters;
    ``error`` when it could not be read."""

    node: str
    scans: dict[int, int]
    stats_age_s: float | None
    error: str | None = None


@dataclass(frozen=True)
class UsedElsewhere:
    """An index with no scan on the primary that a replica uses."""

    index: str
    scans: dict[str, int]   # node -> idx_scan


@dataclass(frozen=True)
class Report:
    database: str
    stats_since: dt.datetime | None  # last statistics reset (None: never reset)
    server_started: dt.datetime | None
    findings: tuple[Finding, ...]
    indexes_checked: int
    nodes: tuple[NodeUsage, ...] = ()
    used_only_on_replicas: tuple[UsedElsewhere, ...] = ()
    min_stats_age_s: float = 0.0

    @property
    def actionable(self) -> tuple[Finding, ...]:
        """Findings with a DROP to run (``unknown`` ones have none)."""
        return tuple(f for f in self.findings if f.kind != "unknown")

    @property
    def reclaimable_bytes(self) -> int:
        return sum(f.bytes for f in self.findings)


def _drop(ix: Index) -> str:
    return f"DROP INDEX CONCURRENTLY IF EXISTS {sql.Identifier(ix.schema, ix.name).as_string(None)};"


def _same_shape(a: Index, b: Index) -> bool:
    return (a.schema, a.table, a.method, a.keys, a.desc, a.predicate) == (
        b.schema, b.table, b.method, b.keys, b.desc, b.predicate)


def _is_prefix(a: Index, b: Index) -> bool:
    """``a``'s keys are a strict leading part of ``b``'s, read the same way (btree only)."""
    if a.method != "btree" or b.method != "btree" or (a.schema, a.table) != (b.schema, b.table):
        return False
    if a.predicate != b.predicate or len(a.keys) >= len(b.keys):
        return False
    n = len(a.keys)
    if b.keys[:n] != a.keys or not set(a.include) <= set(b.keys) | set(b.include):
        return False
    flips = {a.desc[i] != b.desc[i] for i in range(min(n, len(a.desc), len(b.desc)))}
    return len(flips) <= 1


def _age(seconds: float | None) -> str:
    if seconds is None:
        return "unknown age"
    for unit, size in (("d", 86400), ("h", 3600), ("min", 60)):
        if seconds >= size:
            return f"{seconds / size:.0f}{unit}"
    return f"{seconds:.0f}s"


def findings(indexes: Sequence[Index], stats_since: dt.datetime | None, *,
             replicas: Sequence[NodeUsage] = (), primary_age_s: float | None = None,
             min_stats_age_s: float = 0.0,
             used_elsewhere: list[UsedElsewhere] | None = None) -> list[Finding]:
    """Decide (pure): which indexes to drop and why. ``replicas``: the other nodes' usage;
    an index with no scan anywhere is unused only when every node's counters are at least
    ``min_stats_age_s`` old and every replica could be read, else it is ``unknown``."""
    out: list[Finding] = []
    flagged: set[int] = set()
    since = f"since {stats_since:%Y-%m-%d %H:%M %Z}" if stats_since else "since statistics began"

    def add(kind: str, ix: Index, why: str) -> None:
        flagged.add(ix.oid)
        out.append(Finding(kind, f"{ix.schema}.{ix.name}", f"{ix.schema}.{ix.table}", ix.bytes,
                           why, _drop(ix), ix.definition))

    for ix in indexes:
        if not ix.is_valid:
            leftover = " (a REINDEX CONCURRENTLY leftover)" if "_ccnew" in ix.name or \
                "_ccold" in ix.name else ""
            add("invalid", ix, f"INVALID{leftover}: a failed or killed CREATE INDEX CONCURRENTLY "
                "left it; it is maintained on every write but never used for reads. Drop it and, "
                "if it is wanted, build it again: " + _concurrently(ix.definition) + ";")
    valid = [ix for ix in indexes if ix.is_valid and ix.oid not in flagged]
    for i, a in enumerate(valid):
        for b in valid[i + 1:]:
            if not _same_shape(a, b) or a.include != b.include:
                continue
            keep, drop = (a, b) if _keeper(a) >= _keeper(b) else (b, a)
            if drop.is_constraint or drop.oid in flagged:
                continue
            add("duplicate", drop, f"same definition as {keep.schema}.{keep.name}: every write "
                "maintains both, reads use one")
    for a in valid:
        if a.oid in flagged or a.is_unique or a.is_constraint:
            continue
        for b in valid:
            if b.oid != a.oid and b.oid not in flagged and _is_prefix(a, b):
                add("redundant", a, f"its columns ({', '.join(a.keys)}) lead {b.schema}.{b.name} "
                    f"({', '.join(b.keys)}), which serves the same lookups")
                break
    for ix in valid:
        if ix.oid in flagged or ix.is_unique or ix.is_constraint or ix.is_primary:
            continue
        if ix.scans != 0:
            continue
        elsewhere = {n.node: n.scans.get(ix.oid, 0) for n in replicas
                     if n.error is None and n.scans.get(ix.oid, 0) > 0}
        if elsewhere:
            if used_elsewhere is not None:
                used_elsewhere.append(UsedElsewhere(f"{ix.schema}.{ix.name}", elsewhere))
            continue
        broken = [n for n in replicas if n.error is not None]
        young = [(name, age) for name, age in
                 [("the primary", primary_age_s), *((n.node, n.stats_age_s) for n in replicas
                                                    if n.error is None)]
                 if age is not None and age < min_stats_age_s]
        if broken:
            flagged.add(ix.oid)
            out.append(Finding("unknown", f"{ix.schema}.{ix.name}", f"{ix.schema}.{ix.table}",
                               ix.bytes, f"no index scan on the primary; unknown — replica "
                               f"{broken[0].node} {broken[0].error}", "",
                               ix.definition))
        elif young:
            flagged.add(ix.oid)
            name, age = young[0]
            out.append(Finding("unknown", f"{ix.schema}.{ix.name}", f"{ix.schema}.{ix.table}",
                               ix.bytes, f"no index scan, but the statistics on {name} are only "
                               f"{_age(age)} old (younger than min_stats_age "
                               f"{_age(min_stats_age_s)}): not enough to call it unused", "",
                               ix.definition))
        else:
            where = f"on the primary and {len(replicas)} replica(s)" if replicas else ""
            add("unused", ix, f"no index scan {since}{' ' + where if where else ''}; every "
                "write still maintains it")
    return out


def _concurrently(definition: str) -> str:
    return re.sub(r"^CREATE (UNIQUE )?INDEX ", r"CREATE \1INDEX CONCURRENTLY ", definition, count=1)


def _keeper(ix: Index) -> tuple[bool, bool, int, int]:
    # prefer the one a constraint needs, then unique, then the most used, then the oldest
    return ix.is_constraint, ix.is_unique, ix.scans, -ix.oid


def _node_usage(node: Node) -> NodeUsage:
    if node.error is not None or not node.reachable:
        return NodeUsage(node.name, {}, None, node.error or "unreachable")
    try:
        with db.session(node.dsn, row_factory=dict_row, timeouts=REPLICA_TIMEOUTS,
                        application_name="pgwarden indexes") as conn:
            rows = conn.execute(sqlfiles.load("analyzers/index_scans")).fetchall()
    except PgwardenError as exc:
        return NodeUsage(node.name, {}, None, exc.one_line())
    age = rows[0]["stats_age_s"] if rows else None
    return NodeUsage(node.name, {int(r["oid"]): int(r["idx_scan"] or 0) for r in rows}, age)


def report(dsn: str, *, replicas: Sequence[str] = (), min_stats_age_s: float = 0.0) -> Report:
    """Read the catalog and statistics (of the primary and of each replica); decide; change
    nothing."""
    with db.session(dsn, row_factory=dict_row) as conn:
        facts = db.read_server_facts(conn)
        row = conn.execute(sqlfiles.load("analyzers/stats_reset")).fetchone()
        indexes = read_indexes(conn, None)
        nodes = replica_nodes(conn, replicas) if replicas else []
    usage = [_node_usage(n) for n in nodes]
    since = row["stats_reset"] if row else None
    started = row["server_started"] if row else None
    elsewhere: list[UsedElsewhere] = []
    found = findings(indexes, since, replicas=usage,
                     primary_age_s=row["stats_age_s"] if row else None,
                     min_stats_age_s=min_stats_age_s, used_elsewhere=elsewhere)
    primary = NodeUsage("primary", {ix.oid: ix.scans for ix in indexes},
                        row["stats_age_s"] if row else None)
    return Report(facts.database, since, started, tuple(found), len(indexes),
                  nodes=(primary, *usage) if usage else (), used_only_on_replicas=tuple(elsewhere),
                  min_stats_age_s=min_stats_age_s)
