"""What the target database already has, read from its catalog (``pgwarden --dsn … lint``).

Without it the linter knows the schema only from the migrations it reads. With it, before the
first statement it also knows every column's type (a type change is judged from the real old
type, not guessed), which columns are already NOT NULL (``SET NOT NULL`` on them changes
nothing and scans nothing), and which validated CHECK constraints prove a column NOT NULL
(PostgreSQL 12+ then skips ``SET NOT NULL``'s scan). Nothing is written to the database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pgwarden.analyzers.lint.model import TYPE_ALIASES, State, not_null_columns


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

    @classmethod
    def from_rows(cls, columns: list[dict[str, Any]], checks: list[dict[str, Any]]) -> Catalog:
        cat = cls()
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
    return Catalog.from_rows(columns, checks)
