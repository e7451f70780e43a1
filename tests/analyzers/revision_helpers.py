"""Running a written revision's upgrade or downgrade against a database, as alembic would."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import sqlalchemy as sa
from alembic.operations import Operations
from alembic.runtime.migration import MigrationContext


def run_revision(module_path: Path, dsn: str, step: str) -> None:
    """Load the revision file and run its ``step`` ("upgrade" or "downgrade") in a migration
    context on ``dsn``."""
    spec = importlib.util.spec_from_file_location("advised_revision", module_path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    engine = sa.create_engine(dsn.replace("postgresql://", "postgresql+psycopg://"),
                              poolclass=sa.pool.NullPool)
    try:
        with engine.connect() as connection:
            ctx = MigrationContext.configure(connection)
            with Operations.context(ctx), ctx.begin_transaction():
                getattr(module, step)()
    finally:
        engine.dispose()
