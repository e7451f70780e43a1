"""A catalog snapshot of the migrated schema, for "converges to the same schema" assertions."""

from __future__ import annotations

from pathlib import Path

import psycopg

_SQL = (Path(__file__).parent / "catalog_snapshot.sql").read_text()


def catalog_snapshot(dsn: str) -> list[tuple[str, str, str]]:
    with psycopg.connect(dsn) as conn:
        rows = conn.execute(_SQL).fetchall()
        version = conn.execute("SELECT version_num FROM alembic_version").fetchall()
    return [*rows, ("alembic_version", ",".join(sorted(v[0] for v in version)), "")]
