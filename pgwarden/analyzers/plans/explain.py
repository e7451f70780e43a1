"""EXPLAIN (FORMAT JSON) a query and reduce the plan to what a regression check compares."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psycopg
from psycopg import sql

from pgwarden import sql as sqlfiles
from pgwarden.config import pg_duration
from pgwarden.errors import UsageError


@dataclass(frozen=True)
class NamedQuery:
    """One ``.sql`` file of the query set: its name (the file's stem) and text."""

    name: str
    text: str
    path: str = ""


@dataclass(frozen=True)
class Scan:
    node: str  # "Seq Scan", "Index Scan", "Index Only Scan", "Bitmap Heap Scan", …
    relation: str
    index: str | None = None
    table_rows: int = 0


@dataclass(frozen=True)
class PlanSummary:
    """The parts of a plan the check compares; ``text`` is an indented outline for reports."""

    cost: float
    rows: float
    scans: list[Scan] = field(default_factory=list)
    spills: list[str] = field(default_factory=list)
    nodes: list[str] = field(default_factory=list)
    actual_ms: float | None = None
    text: str = ""

    @property
    def indexes(self) -> list[str]:
        return sorted({s.index for s in self.scans if s.index})

    def seq_scans(self, min_rows: int = 0) -> list[Scan]:
        return [s for s in self.scans if s.node == "Seq Scan" and s.table_rows >= min_rows]

    def uses_index_on(self, table: str) -> bool:
        return any(s.index and _same(s.relation, table) for s in self.scans)


def _same(relation: str, table: str) -> bool:
    return relation == table or relation.rpartition(".")[2] == table


def load_queries(folder: str | Path) -> list[NamedQuery]:
    """Every ``*.sql`` file of ``folder`` (sorted by name) as a named query: exactly one
    statement each, and only that statement is ever sent (a file such as ``SELECT 1; COMMIT;
    DROP TABLE t`` is refused before anything runs)."""
    path = Path(folder)
    if not path.is_dir():
        raise UsageError(f"query folder {path} does not exist")
    out = [NamedQuery(f.stem, one_statement(f.read_text(encoding="utf-8"), f), str(f))
           for f in sorted(path.glob("*.sql"))]
    if not out:
        raise UsageError(f"no .sql files in {path}")
    return out


def one_statement(text: str, origin: str | Path) -> str:
    """The one statement of a query file, as PostgreSQL's parser (pglast) splits it; raises
    UsageError when the file holds none or several. A text the parser rejects is returned
    whole: the server then refuses it as a whole too, and the check reports its error."""
    import pglast

    try:
        stmts = pglast.parse_sql(text)
    except pglast.parser.ParseError:
        return text
    if len(stmts) != 1:
        raise UsageError(f"{origin}: holds {len(stmts)} statements; a query file holds exactly one")
    raw = stmts[0]  # pglast gives its location and length in characters
    start = raw.stmt_location or 0
    return text[start:start + raw.stmt_len if raw.stmt_len else len(text)].strip()


def relation_rows(conn: psycopg.Connection[Any]) -> dict[str, int]:
    rows = conn.execute(sqlfiles.load("analyzers/plans/relation_rows")).fetchall()
    out: dict[str, int] = {}
    for r in rows:
        schema, name, n = (r["schema"], r["name"], r["rows"]) if isinstance(r, dict) else r
        out[name if schema == "public" else f"{schema}.{name}"] = int(n)
    return out


def explain(conn: psycopg.Connection[Any], query: str, params: Any = None, *, analyze: bool = False,
            timeout_s: float | None = None, table_rows: dict[str, int] | None = None) -> PlanSummary:
    """Plan ``query`` in a transaction that is rolled back (``analyze`` runs it, under
    ``timeout_s``); returns its summary."""
    text = query.strip().rstrip(";")
    opts = sql.SQL("ANALYZE, BUFFERS, FORMAT JSON" if analyze else "FORMAT JSON")
    stmt = sql.SQL("EXPLAIN ({}) {}").format(opts, sql.SQL(text))
    rows_by_table = table_rows if table_rows is not None else relation_rows(conn)
    with conn.transaction(force_rollback=True):
        if analyze and timeout_s:
            conn.execute(sql.SQL("SET LOCAL statement_timeout = {}").format(
                sql.Literal(pg_duration(timeout_s))))
        row = conn.execute(stmt, params).fetchone()
    assert row is not None
    doc = row["QUERY PLAN"] if isinstance(row, dict) else row[0]
    return summarize(doc, rows_by_table)


def summarize(doc: Any, table_rows: dict[str, int]) -> PlanSummary:
    top = doc[0]
    plan = top["Plan"]
    scans: list[Scan] = []
    spills: list[str] = []
    nodes: list[str] = []
    lines: list[str] = []
    for depth, node, above in _walk(plan, 0, None):
        kind = node["Node Type"]
        nodes.append(kind)
        rel = _relation(node)
        if rel is None and node.get("Index Name"):
            rel = above  # a Bitmap Index Scan: its table is the Bitmap Heap Scan's above it
        if rel:
            scans.append(Scan(kind, rel, node.get("Index Name"), table_rows.get(rel, 0)))
        if node.get("Sort Space Type") == "Disk":
            spills.append(f"Sort spilled {node.get('Sort Space Used', '?')} kB to disk")
        if int(node.get("Hash Batches", 1) or 1) > 1:
            spills.append(f"Hash spilled to disk in {node['Hash Batches']} batches")
        label = kind + (f" on {rel}" if rel else "") + (
            f" using {node['Index Name']}" if node.get("Index Name") else "")
        lines.append(f"{'  ' * depth}{label}  (cost={node['Total Cost']:.2f} rows={node['Plan Rows']})")
    return PlanSummary(cost=float(plan["Total Cost"]), rows=float(plan["Plan Rows"]), scans=scans,
                       spills=spills, nodes=nodes, actual_ms=top.get("Execution Time"),
                       text="\n".join(lines))


def _relation(node: dict[str, Any]) -> str | None:
    rel = node.get("Relation Name")
    if not rel:
        return None
    schema = node.get("Schema")
    return str(rel) if not schema or schema == "public" else f"{schema}.{rel}"


def _walk(node: dict[str, Any], depth: int,
          above: str | None) -> Iterator[tuple[int, dict[str, Any], str | None]]:
    yield depth, node, above
    here = _relation(node) or above
    for child in node.get("Plans", ()):
        yield from _walk(child, depth + 1, here)
