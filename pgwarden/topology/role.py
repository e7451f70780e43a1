"""The node's role, asked of the server before anything that writes (and again per batch)."""

from __future__ import annotations

from typing import Any

from pgwarden import sql as sqlfiles
from pgwarden.errors import EXIT_USAGE, PgwardenError


class StandbyError(PgwardenError):
    """The target is a standby (read-only) where a primary is needed. ``maintain`` turns it
    into ``skipped: standby`` (exit 0); ``migrate`` reports it with exit 2, naming the
    primary when it is known."""

    exit_code = EXIT_USAGE

    def __init__(self, message: str, *, hint: str | None = None, primary: str | None = None):
        super().__init__(message, hint=hint)
        self.primary = primary


def is_standby(conn: Any) -> bool:
    """``pg_is_in_recovery()`` on ``conn`` (any row factory)."""
    row = conn.execute(sqlfiles.load("topology/in_recovery")).fetchone()
    value = row["r"] if isinstance(row, dict) else row[0]
    return bool(value)


def ensure_primary(conn: Any, *, what: str, primary: str | None = None) -> None:
    """Raise ``StandbyError`` when ``conn`` is on a standby (``what`` names the command)."""
    if is_standby(conn):
        where = f"; the primary is {primary}" if primary else ""
        raise StandbyError(f"{what} needs the primary, and this server is a standby "
                           f"(in recovery){where}", primary=primary)
