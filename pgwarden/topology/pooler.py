"""Is there a transaction-pooling connection pooler (PgBouncer) between pgwarden and the server?

Behind PgBouncer in transaction (or statement) pooling mode, each transaction may run on another
server connection: session advisory locks stay on the pooled server connection (another client
can take them), and session ``SET lock_timeout`` lands on whichever server connection ran it.
pgwarden's run lock and timeouts would silently not apply, so the commands that write refuse to
run through one and name the fix: a direct connection (``[topology] direct_url`` or ``--dsn``).

Detection needs no pooler admin console (no ``SHOW POOLS``):

1. libpq reports the backend pid from the server's BackendKeyData; a pooler answers with a key
   of its own, so ``conn.info.backend_pid != pg_backend_pid()`` means a pooler is in front.
2. Then the mode: a second client opens a transaction and reports its server pid while the first
   one asks again. In session mode a client keeps its server connection for the whole session
   (its pid never changes, nobody else gets it); in transaction mode the first client's idle
   server connection goes to the second (PgBouncer reuses the most recently released one) or
   the first client lands elsewhere. A wait that does not end is reported as ``unknown``
   (treated like transaction pooling by the writers: they fail closed).
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any

import psycopg
from psycopg.conninfo import make_conninfo

from pgwarden.errors import UsageError

NONE, SESSION, TRANSACTION, UNKNOWN = "none", "session", "transaction", "unknown"


class PoolerError(UsageError):
    """A writing command was pointed at a transaction-pooling pooler (exit 2)."""


@dataclass(frozen=True)
class Pooling:
    """What the probe found: ``mode`` is none | session | transaction | unknown."""

    mode: str
    evidence: str = ""

    @property
    def pooler(self) -> bool:
        return self.mode != NONE

    @property
    def unsafe_for_writers(self) -> bool:
        return self.mode in (TRANSACTION, UNKNOWN)


def _server_pid(conn: Any) -> int:
    row = conn.execute("SELECT pg_backend_pid()").fetchone()
    return int(row["pg_backend_pid"] if isinstance(row, dict) else row[0])


def detect(conn: Any, dsn: str, *, timeout: float = 2.0, rounds: int = 3) -> Pooling:
    """Probe ``conn`` (opened on ``dsn``, autocommit). Cheap when there is no pooler: one query."""
    server = _server_pid(conn)
    if conn.info.backend_pid == server:
        return Pooling(NONE)
    conninfo = make_conninfo(dsn, application_name="pgwarden pooler probe",
                             connect_timeout=max(1, int(timeout)))
    return asyncio.run(_probe_mode(conninfo, timeout, rounds))


async def _pid(conn: psycopg.AsyncConnection[Any], timeout: float) -> int | None:
    try:
        cur = await asyncio.wait_for(conn.execute("SELECT pg_backend_pid()"), timeout)
        row = await cur.fetchone()
    except TimeoutError:
        return None
    assert row is not None
    return int(row[0])


async def _probe_mode(conninfo: str, timeout: float, rounds: int) -> Pooling:
    a = await psycopg.AsyncConnection.connect(conninfo, autocommit=True, prepare_threshold=None)
    try:
        first = await _pid(a, timeout)
        if first is None:
            return Pooling(UNKNOWN, "no server connection within the probe's timeout")
        for _ in range(rounds):
            b = await psycopg.AsyncConnection.connect(conninfo, autocommit=False,
                                                      prepare_threshold=None)
            try:
                held = await _pid(b, timeout)   # b now holds a server connection in a transaction
                if held is None:
                    return Pooling(UNKNOWN, "a second client waited for a server connection")
                if held == first:
                    return Pooling(TRANSACTION, f"the server backend {first} of one client served "
                                                "another client's transaction")
                again = await _pid(a, timeout)
                if again is None:
                    return Pooling(TRANSACTION, "the client had to wait for a server connection "
                                                "between two of its transactions")
                if again != first:
                    return Pooling(TRANSACTION, f"the server backend changed between two "
                                                f"transactions ({first} → {again})")
            finally:
                await b.close()
        return Pooling(SESSION, f"the server backend {first} stayed with its client")
    finally:
        await a.close()


def refuse_if_pooled(conn: Any, dsn: str, *, what: str) -> Pooling:
    """Raise ``PoolerError`` when ``conn`` goes through a transaction-pooling pooler."""
    found = detect(conn, dsn)
    if found.unsafe_for_writers:
        kind = ("a transaction-pooling connection pooler (PgBouncer?)" if found.mode == TRANSACTION
                else "a connection pooler whose pooling mode could not be told")
        raise PoolerError(
            f"{what} refuses to run through {kind}: {found.evidence}; its advisory lock and "
            "lock_timeout would not hold",
            hint="connect to the server directly: set [topology] direct_url in pgwarden.toml "
                 "or pass --dsn with the server's own host and port")
    return found


def writer_dsn(dsn: str, topology: Any) -> str:
    """The DSN the writing commands use: ``[topology] direct_url`` when set, else ``dsn``."""
    direct = getattr(topology, "direct_url", None) if topology is not None else None
    return str(direct) if direct else dsn
