"""What the lint tests of each round ask of a finding list and of a table, in one place."""

from __future__ import annotations

from typing import Any

import psycopg

from pgwarden.analyzers.lint import lint_sql


def rules_and_tiers(sql_text: str, **kw: Any) -> list[tuple[str, str]]:
    """(rule, tier) of every finding ``lint_sql`` gives, sorted."""
    return sorted((f.rule, f.tier) for f in lint_sql(sql_text, **kw).findings)


def relfilenode(conn: psycopg.Connection[Any], table: str) -> int:
    """The table's file node: it changes when PostgreSQL rewrites the table."""
    row = conn.execute("SELECT pg_relation_filenode(%s::regclass)", (table,)).fetchone()
    assert row is not None
    return int(row[0])


def rows_touched(dsn: str, sql_text: str) -> int:
    """Rows the server's statement touches (run, then rolled back)."""
    with psycopg.connect(dsn) as c:
        n = c.execute(sql_text).rowcount
        c.rollback()
    return n
