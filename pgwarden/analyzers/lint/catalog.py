"""What the target database already has, read from its catalog (``pgwarden --dsn … lint``).

Without it the linter knows the schema only from the migrations it reads. With it, before the
first statement it also knows every column's type (a type change is judged from the real old
type, not guessed), which columns are already NOT NULL (``SET NOT NULL`` on them changes
nothing and scans nothing), and which validated CHECK constraints prove a column NOT NULL
(PostgreSQL 12+ then skips ``SET NOT NULL``'s scan), how big each table is (a CREATE INDEX on
a table of a few thousand rows is done in milliseconds: advice, not a hazard — sizes.py), the
columns' statistics (how many rows an UPDATE's WHERE matches), which tables are partitions, the
server version and the session TimeZone (timestamp → timestamptz is free under UTC). Nothing is
written to the database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pgwarden.analyzers.lint.model import TYPE_ALIASES, State, not_null_columns
from pgwarden.analyzers.lint.sizes import ColumnStats, Stats, TableSize


def _table(schema: str, table: str) -> str:
    """The linter's name for a table: ``public.`` dropped, as ``model.relname`` writes it."""
    return table if schema == "public" else f"{schema}.{table}"


def _typmods(typname: str, typmod: int) -> tuple[int, ...]:
    """The integer modifiers a migration would write: ``varchar(n)``, ``numeric(p,s)``."""
    if typmod < 0:
        return ()
    if typname in ("varchar", "bpchar"):
        return (typmod - 4,)
    if typname == "numeric":
        return ((typmod - 4) >> 16, (typmod - 4) & 0xFFFF)
    return (typmod,)


@dataclass
class Catalog:
    """Column types, NOT NULL columns and NOT NULL-proving CHECKs of the target database."""

    column_types: dict[tuple[str, str], tuple[str, tuple[int, ...]]] = field(default_factory=dict)
    not_null: set[tuple[str, str]] = field(default_factory=set)
    # (table, constraint) -> (columns it proves NOT NULL, validated)
    checks: dict[tuple[str, str], tuple[frozenset[str], bool]] = field(default_factory=dict)
    stats: Stats = field(default_factory=Stats)
    partitions: set[str] = field(default_factory=set)
    partitioned: set[str] = field(default_factory=set)  # tables with PARTITION BY (no storage)
    # UNLOGGED tables; None when the rows did not say (a catalog read before it was asked)
    unlogged: set[str] | None = None
    server_version: int | None = None
    timezone: str | None = None
    # (table, column) -> the views (and rules) that read it; binary-coercible (source, target)
    view_columns: dict[tuple[str, str], set[str]] = field(default_factory=dict)
    binary_casts: set[tuple[str, str]] = field(default_factory=set)

    @classmethod
    def from_rows(cls, columns: list[dict[str, Any]], checks: list[dict[str, Any]],
                  tables: list[dict[str, Any]] | None = None,
                  stats: list[dict[str, Any]] | None = None,
                  settings: dict[str, Any] | None = None,
                  view_columns: list[dict[str, Any]] | None = None,
                  casts: list[dict[str, Any]] | None = None) -> Catalog:
        """From the rows of pgwarden/sql/lint/{columns,checks,tables,stats,settings,
        view_columns,casts}.sql (all but the first two may be missing: then sizes, statistics,
        settings, views and casts are unknown)."""
        cat = cls()
        for r in view_columns or ():
            key = (_table(r["schema"], r["table"]), str(r["column"]))
            cat.view_columns.setdefault(key, set()).add(_table(r["view_schema"], r["view"]))
        for r in casts or ():
            src, dst = str(r["source"]), str(r["target"])
            cat.binary_casts.add((TYPE_ALIASES.get(src, src), TYPE_ALIASES.get(dst, dst)))
        for r in tables or ():
            name = _table(r["schema"], r["table"])
            rows = r["rows"]
            cat.stats.sizes[name] = TableSize(None if rows is None else float(rows),
                                              float(r["pages"] or 0))
            if r["partition"]:
                cat.partitions.add(name)
            if r.get("partitioned"):
                cat.partitioned.add(name)
            if "unlogged" in r:
                cat.unlogged = cat.unlogged if cat.unlogged is not None else set()
                if r["unlogged"]:
                    cat.unlogged.add(name)
        for r in stats or ():
            cat.stats.columns[(_table(r["schema"], r["table"]), str(r["column"]))] = ColumnStats(
                float(r["null_frac"] or 0), float(r["n_distinct"] or 0),
                tuple(str(v) for v in r["mcv"] or ()), tuple(float(f) for f in r["mcf"] or ()),
                tuple(str(v) for v in r["histogram"] or ()))
        if settings:
            cat.server_version = int(settings["server_version"])
            cat.timezone = str(settings["timezone"])
        for r in columns:
            key = (_table(r["schema"], r["table"]), str(r["column"]))
            name = str(r["type"])
            cat.column_types[key] = (TYPE_ALIASES.get(name, name), _typmods(name, int(r["typmod"])))
            if r["not_null"]:
                cat.not_null.add(key)
        for r in checks:
            cols = check_columns(str(r["definition"]))
            if cols:
                cat.checks[(_table(r["schema"], r["table"]), str(r["name"]))] = (cols, bool(r["validated"]))
        return cat

    def seed(self, state: State) -> None:
        """Make ``state`` start from this catalog (migrations read afterwards override it)."""
        state.column_types.update(self.column_types)
        state.not_null_columns.update(self.not_null)
        for (table, name), (cols, validated) in self.checks.items():
            state.add_check(table, name, cols, validated)
        state.stats = self.stats
        state.partitions = set(self.partitions)
        state.partitioned = set(self.partitioned)
        if self.unlogged is not None:  # every table the catalog sizes is logged but these
            state.persistence = {t: t in self.unlogged for t in self.stats.sizes}
        state.server_version = self.server_version
        state.server_timezone = state.timezone = self.timezone
        for key, views in self.view_columns.items():
            state.view_columns.setdefault(key, set()).update(views)
        state.binary_casts = set(self.binary_casts)


def check_columns(definition: str) -> frozenset[str]:
    """The columns a CHECK definition (as ``pg_get_constraintdef`` prints it) proves NOT NULL."""
    from pglast import parse_sql
    from pglast.parser import ParseError

    try:
        stmt: Any = parse_sql(f"ALTER TABLE t ADD {definition}")[0].stmt
    except ParseError:
        return frozenset()
    con = stmt.cmds[0].def_
    return not_null_columns(con.raw_expr)


def read(dsn: str) -> Catalog:
    """Read the catalog of the database at ``dsn`` (ConnectError, exit 4, when unreachable)."""
    from pgwarden import db
    from pgwarden.sql import load

    with db.session(dsn) as conn:
        columns = conn.execute(load("lint/columns")).fetchall()
        checks = conn.execute(load("lint/checks")).fetchall()
        tables = conn.execute(load("lint/tables")).fetchall()
        stats = conn.execute(load("lint/stats")).fetchall()
        settings = conn.execute(load("lint/settings")).fetchone()
        view_columns = conn.execute(load("lint/view_columns")).fetchall()
        casts = conn.execute(load("lint/casts")).fetchall()
    return Catalog.from_rows(columns, checks, tables, stats, settings, view_columns, casts)
