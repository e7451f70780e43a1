"""Phase 4, catalog: the facts the advisor decides on: tables, columns with their statistics, indexes."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import psycopg
from psycopg import sql
from psycopg.rows import dict_row

from pgwarden import sql as sqlfiles
from pgwarden.analyzers.advisor.parse import TableRef


@dataclass(frozen=True)
class Column:
    name: str
    data_type: str
    avg_width: int = 8
    null_frac: float = 0.0
    n_distinct: float | None = None
    common_values: tuple[str, ...] = ()
    common_freqs: tuple[float, ...] = ()
    histogram: tuple[str, ...] = ()

    def distinct_count(self, reltuples: float) -> float:
        if self.n_distinct is None or self.n_distinct == 0:
            return max(1.0, min(200.0, reltuples))
        if self.n_distinct < 0:
            return max(1.0, -self.n_distinct * reltuples)
        return self.n_distinct

    def eq_selectivity(self, reltuples: float, value: str | None = None) -> float:
        """Fraction of rows matching ``col = value`` (the average value when ``value`` is None)."""
        if value is not None and value in self.common_values:
            return self.common_freqs[self.common_values.index(value)]
        rest = 1.0 - sum(self.common_freqs) - self.null_frac
        others = max(1.0, self.distinct_count(reltuples) - len(self.common_values))
        if value is not None:
            return max(0.0, rest) / others
        return max(1.0 / max(reltuples, 1.0), (1.0 - self.null_frac) / self.distinct_count(reltuples))

    def representative(self) -> tuple[str | None, str | None]:
        """A common value and a rare one, from pg_stats, so that skew shows in the plans."""
        common = self.common_values[0] if self.common_values else (
            self.histogram[len(self.histogram) // 2] if self.histogram else None)
        rare = None
        if self.histogram:
            rare = self.histogram[-1] if common != self.histogram[-1] else self.histogram[0]
        elif len(self.common_values) > 1:
            rare = self.common_values[-1]
        return common, rare


@dataclass(frozen=True)
class Index:
    oid: int
    schema: str
    table: str
    name: str
    method: str
    keys: tuple[str, ...]
    desc: tuple[bool, ...]
    include: tuple[str, ...]
    predicate: str | None
    is_primary: bool
    is_unique: bool
    is_valid: bool
    is_constraint: bool
    bytes: int
    scans: int
    definition: str


@dataclass(frozen=True)
class Partition:
    """A partition under a partitioned table: where an index on the parent needs one of its own
    (built CONCURRENTLY on a leaf, ``ON ONLY`` on a partitioned one) attached to its parent's."""

    schema: str
    name: str
    parent_schema: str
    parent_name: str
    leaf: bool
    foreign_table: bool = False


@dataclass(frozen=True)
class Table:
    ref: TableRef
    oid: int
    schema: str
    name: str
    reltuples: float
    relpages: int
    bytes: int
    n_tup_ins: int
    n_tup_upd: int
    n_tup_hot_upd: int
    n_tup_del: int
    primary_key: tuple[str, ...]
    columns: dict[str, Column] = field(default_factory=dict)
    indexes: tuple[Index, ...] = ()
    all_visible: float = 0.0
    partitions: tuple[Partition, ...] = ()  # a partitioned table's, parents first (else none)

    @property
    def qualified(self) -> str:
        return f"{self.schema}.{self.name}"

    @property
    def writes(self) -> int:
        return self.n_tup_ins + self.n_tup_upd + self.n_tup_del


def quoted(ref: TableRef) -> str:
    parts = [p for p in (ref.schema, ref.name) if p]
    return ".".join(sql.Identifier(p).as_string(None) for p in parts)


def _index(r: dict[str, Any]) -> Index:
    return Index(int(r["index_oid"]), r["schema_name"], r["table_name"], r["index_name"],
                 r["method"], tuple(r["key_columns"]), tuple(r["key_desc"] or ()),
                 tuple(r["include_columns"]), r["predicate"], r["is_primary"], r["is_unique"],
                 r["is_valid"], r["is_constraint"], int(r["index_bytes"]), int(r["idx_scan"]),
                 r["definition"])


def read_indexes(conn: psycopg.Connection[Any], oids: Sequence[int] | None) -> list[Index]:
    with conn.cursor(row_factory=dict_row) as cur:
        cur.execute(sqlfiles.load("analyzers/indexes"), {"oids": list(oids) if oids else None})
        return [_index(r) for r in cur.fetchall()]


def read_tables(conn: psycopg.Connection[Any], refs: Iterable[TableRef]) -> dict[TableRef, Table]:
    """Facts of the tables ``refs`` name; names that resolve to no table are left out."""
    written = {quoted(r): r for r in refs}
    if not written:
        return {}
    with conn.cursor(row_factory=dict_row) as cur:
        cur.execute(sqlfiles.load("analyzers/advisor/tables"), {"names": list(written)})
        rows = cur.fetchall()
        oids = sorted({int(r["oid"]) for r in rows})
        cur.execute(sqlfiles.load("analyzers/advisor/columns"), {"oids": oids})
        cols: dict[int, dict[str, Column]] = {}
        for c in cur.fetchall():
            cols.setdefault(int(c["table_oid"]), {})[c["column_name"]] = Column(
                c["column_name"], c["data_type"], int(c["avg_width"]), float(c["null_frac"]),
                None if c["n_distinct"] is None else float(c["n_distinct"]),
                tuple(c["common_values"] or ()), tuple(float(f) for f in c["common_freqs"] or ()),
                tuple(c["histogram"] or ()))
        parts: dict[int, list[Partition]] = {}
        roots = sorted(int(r["oid"]) for r in rows if r["partitioned"])
        if roots:
            cur.execute(sqlfiles.load("analyzers/advisor/partitions"), {"oids": roots})
            for p in cur.fetchall():
                parts.setdefault(int(p["root"]), []).append(Partition(
                    p["schema_name"], p["table_name"], p["parent_schema"], p["parent_name"],
                    bool(p["leaf"]), bool(p["foreign_table"])))
    by_table: dict[int, list[Index]] = {}
    for ix in read_indexes(conn, oids):
        by_table.setdefault(_table_oid(ix, rows), []).append(ix)
    out: dict[TableRef, Table] = {}
    for r in rows:
        oid = int(r["oid"])
        out[written[r["written"]]] = Table(
            written[r["written"]], oid, r["schema_name"], r["table_name"], float(r["reltuples"]),
            int(r["relpages"]), int(r["table_bytes"]), int(r["n_tup_ins"]), int(r["n_tup_upd"]),
            int(r["n_tup_hot_upd"]), int(r["n_tup_del"]), tuple(r["primary_key"]),
            cols.get(oid, {}), tuple(by_table.get(oid, ())), float(r["all_visible"]),
            tuple(parts.get(oid, ())))
    return out


def _table_oid(ix: Index, rows: list[dict[str, Any]]) -> int:
    for r in rows:
        if r["schema_name"] == ix.schema and r["table_name"] == ix.table:
            return int(r["oid"])
    return 0
