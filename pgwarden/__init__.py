"""pgwarden: keeps a PostgreSQL database fast and safe.

Public surface: the command functions live in their units (``pgwarden.maintenance``,
``pgwarden.analyzers``, ``pgwarden.migrations.api``...); this module only carries the version
and the ``pgwarden.migrate`` alias of ``pgwarden.migrations.api`` (its home before the move;
``from pgwarden import migrate`` keeps working).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from pgwarden.migrations import api as migrate  # noqa: F401


def __getattr__(name: str) -> Any:
    if name == "migrate":
        import importlib

        return importlib.import_module("pgwarden.migrations.api")
    raise AttributeError(f"module 'pgwarden' has no attribute {name!r}")
