"""The statements pgwarden prints for a person to run (the ``fix`` of a health check, a doctor
finding), composed with ``psycopg.sql`` so that any name comes out right: mixed case, spaces,
quotes (``"App User"``, ``"Sales"."Orders"``).

``statement("GRANT pg_monitor TO {role};", role="App User")`` → ``GRANT pg_monitor TO "App User";``.
A tuple names a qualified object: ``table=("public", "Orders")`` → ``"public"."Orders"``; a list
becomes a comma-separated list of names.
"""

from __future__ import annotations

from collections.abc import Sequence

from psycopg import sql

Name = str | tuple[str, ...]


def ident(name: Name) -> sql.Identifier:
    return sql.Identifier(*name) if isinstance(name, tuple) else sql.Identifier(name)


def quoted(name: Name) -> str:
    """One name as SQL text, quoted: ``"App User"``, ``"public"."Orders"``."""
    return ident(name).as_string(None)


def statement(template: str, **names: Name | Sequence[Name]) -> str:
    """``template`` (SQL with ``{placeholders}``) with each placeholder a quoted name."""
    args: dict[str, sql.Composable] = {}
    for key, value in names.items():
        if isinstance(value, list):
            args[key] = sql.SQL(", ").join(ident(v) for v in value)
        else:
            args[key] = ident(value)  # type: ignore[arg-type]
    return sql.SQL(template).format(**args).as_string(None)
