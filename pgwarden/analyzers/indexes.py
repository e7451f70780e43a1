"""``pgwarden indexes``: unused, duplicate, prefix-redundant and invalid indexes.

Each finding carries why it is one and the ``DROP INDEX CONCURRENTLY`` that fixes it. Indexes
that back a constraint (primary key, unique, exclusion) are never proposed for dropping: the
constraint needs them. ``idx_scan`` counts since the last statistics reset (or since the
server's data directory was created), on this server only: a replica's reads are not seen.
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
class Report:
    database: str
    stats_since: dt.datetime | None  # last statistics reset (None: never reset)
    server_started: dt.datetime | None
    findings: tuple[Finding, ...]
    indexes_checked: int

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


def findings(indexes: Sequence[Index], stats_since: dt.datetime | None) -> list[Finding]:
    """Decide (pure): which indexes to drop and why."""
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
        if ix.scans == 0:
            add("unused", ix, f"no index scan {since}; every write still maintains it")
    return out


def _concurrently(definition: str) -> str:
    return re.sub(r"^CREATE (UNIQUE )?INDEX ", r"CREATE \1INDEX CONCURRENTLY ", definition, count=1)


def _keeper(ix: Index) -> tuple[bool, bool, int, int]:
    # prefer the one a constraint needs, then unique, then the most used, then the oldest
    return ix.is_constraint, ix.is_unique, ix.scans, -ix.oid


def report(dsn: str) -> Report:
    """Read the catalog and statistics; decide; change nothing."""
    with db.session(dsn, row_factory=dict_row) as conn:
        facts = db.read_server_facts(conn)
        row = conn.execute(sqlfiles.load("analyzers/stats_reset")).fetchone()
        indexes = read_indexes(conn, None)
    since = row["stats_reset"] if row else None
    started = row["server_started"] if row else None
    return Report(facts.database, since, started, tuple(findings(indexes, since)), len(indexes))
