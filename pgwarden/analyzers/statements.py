"""The workload: statements from pg_stat_statements (this database) or from a SQL file."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import pglast
import psycopg
from psycopg.rows import dict_row

from pgwarden import sql as sqlfiles
from pgwarden.db import SETTINGS_ROLE, ServerFacts
from pgwarden.errors import MissingExtension, UsageError

# Statements pgwarden itself sends (its planning and hypopg calls) are recognised by these.
OWN_MARKERS = ("hypopg", "pg_stat_statements", "pg_qualstats", "plan_cache_mode", "pgwarden")


@dataclass(frozen=True)
class Statement:
    """One statement of the workload and how often it ran."""

    query: str
    calls: int = 1
    total_ms: float = 0.0
    mean_ms: float = 0.0
    queryid: int | None = None
    source: str = "pg_stat_statements"
    rows: int = 0


def require_pg_stat_statements(facts: ServerFacts) -> None:
    """Raise (exit 2) with the fix when pg_stat_statements cannot be read here."""
    if facts.pg_stat_statements_unknown:
        grant = f"GRANT {SETTINGS_ROLE} TO {facts.user}"
        if not facts.installed("pg_stat_statements"):
            raise MissingExtension(
                f"extension pg_stat_statements is not installed in database {facts.database!r} "
                f"(and this role may not read shared_preload_libraries: {grant} to let pgwarden "
                "see whether it is preloaded)",
                hint="run: CREATE EXTENSION pg_stat_statements;")
        raise UsageError(
            "pg_stat_statements is created but its view does not answer, so the library is not "
            f"loaded (this role may not read shared_preload_libraries to confirm: {grant})",
            hint="add pg_stat_statements to shared_preload_libraries in postgresql.conf and "
                 "restart the server; or pass --queries FILE")
    if not facts.pg_stat_statements_preloaded:
        raise UsageError(
            "pg_stat_statements is not loaded (shared_preload_libraries lacks it)",
            hint="add pg_stat_statements to shared_preload_libraries in postgresql.conf, restart "
                 "the server, run CREATE EXTENSION pg_stat_statements; or pass --queries FILE")
    if not facts.installed("pg_stat_statements"):
        raise MissingExtension(
            f"extension pg_stat_statements is not installed in database {facts.database!r}",
            hint="run: CREATE EXTENSION pg_stat_statements;")


def from_pg_stat_statements(conn: psycopg.Connection[Any], facts: ServerFacts, *,
                            min_calls: int = 1, min_total_ms: float = 0.0,
                            top: int | None = None) -> list[Statement]:
    """This database's statements, heaviest total time first (column names per version)."""
    require_pg_stat_statements(facts)
    text = sqlfiles.load_for("analyzers/statements", facts.version_num)
    with conn.cursor(row_factory=dict_row) as cur:
        cur.execute(text, {"min_calls": min_calls, "min_total_ms": min_total_ms, "top": top})
        rows = cur.fetchall()
    return [Statement(r["query"], int(r["calls"]), float(r["total_ms"]), float(r["mean_ms"]),
                      int(r["queryid"]) if r["queryid"] is not None else None,
                      rows=int(r["rows"]))
            for r in rows if not is_own(r["query"])]


def from_file(path: Path) -> list[Statement]:
    """Statements of a SQL file (literals allowed), each counted as one call."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"cannot read --queries file {str(path)!r}: {exc.strerror}") from None
    try:
        parts = pglast.split(text, with_parser=False)
    except pglast.parser.ParseError as exc:
        raise UsageError(f"cannot split {str(path)!r} into statements: {exc}") from None
    return [Statement(p.strip(), source=f"file:{path.name}") for p in parts if p.strip()]


# pgwarden/sql areas whose statements are the application's (the CMS schema and its demo
# workload), not pgwarden's own housekeeping
APPLICATION_SQL = frozenset({"demo", "schema"})


@functools.cache
def _own_headers() -> frozenset[str]:
    """First lines of every SQL file pgwarden ships: pg_stat_statements keeps the comment."""
    heads: set[str] = set()

    def scan(folder: Any) -> None:
        for entry in folder.iterdir():
            if entry.is_dir() and entry.name not in APPLICATION_SQL:
                scan(entry)
            elif entry.name.endswith(".sql"):
                first = entry.read_text(encoding="utf-8").lstrip().split("\n", 1)[0].strip()
                if first.startswith("--") and len(first) > 12:
                    heads.add(first)

    scan(resources.files("pgwarden.sql"))
    return frozenset(heads)


def _code(query: str) -> str:
    """``query`` without its comments (pglast's scanner; offsets are UTF-8 byte positions)."""
    import pglast.parser

    try:
        tokens = pglast.parser.scan(query)
    except pglast.parser.ParseError:
        return query
    data = query.encode("utf-8")
    kept, pos = bytearray(), 0
    for token in tokens:
        if token.name in ("SQL_COMMENT", "C_COMMENT"):
            kept += data[pos:token.start]
            pos = token.end + 1
    kept += data[pos:]
    return kept.decode("utf-8", errors="replace")


def is_own(query: str) -> bool:
    """True for statements pgwarden sends itself (planning, hypopg, its SQL files).

    The markers are looked for in the code, not in comments: an application's query whose
    comment mentions pgwarden (or hypopg) is the application's."""
    if query.lstrip().split("\n", 1)[0].strip() in _own_headers():
        return True
    low = _code(query).lower()
    return any(m in low for m in OWN_MARKERS) or low.lstrip().startswith(
        ("explain", "prepare", "deallocate", "execute", "set ", "reset ", "show "))


def qualstats_constants(conn: psycopg.Connection[Any], facts: ServerFacts
                        ) -> dict[tuple[str, str, str], dict[str, int]]:
    """(table, column, operator) -> {constant: executions}, from pg_qualstats when it runs here."""
    if not (facts.installed("pg_qualstats") and facts.preloaded("pg_qualstats")):
        return {}
    out: dict[tuple[str, str, str], dict[str, int]] = {}
    with conn.cursor(row_factory=dict_row) as cur:
        try:
            cur.execute(sqlfiles.load("analyzers/qualstats"))
        except psycopg.Error:
            return {}
        for r in cur.fetchall():
            key = (r["table_name"], r["column_name"], r["operator"].split(".")[-1])
            out.setdefault(key, {})[str(r["constvalue"])] = int(r["executions"])
    return out


def constant_text(constvalue: str) -> str | None:
    """The value of a pg_qualstats constant such as ``'failed'::text`` (None if not a literal)."""
    try:
        stmt: Any = pglast.parse_sql(f"SELECT {constvalue}")[0].stmt
    except pglast.parser.ParseError:
        return None
    node = stmt.targetList[0].val
    while type(node).__name__ == "TypeCast":
        node = node.arg
    if type(node).__name__ != "A_Const" or node.isnull:
        return None
    v = node.val
    for attr in ("sval", "ival", "fval", "boolval"):
        if hasattr(v, attr):
            return str(getattr(v, attr))
    return None
