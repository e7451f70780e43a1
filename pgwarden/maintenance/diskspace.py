"""How much free space the server has where an index lives, and how pgwarden knows.

PostgreSQL cannot tell a client how much disk is free. pgwarden measures it only when it can see
the server's own files: the connection is local (a Unix socket or a loopback address), the data
directory is visible to the role (superuser or pg_read_all_settings) and exists on this machine,
and its ``postmaster.pid`` names the port we are connected to (so it is the same server). It then
calls ``shutil.disk_usage`` on the tablespace's directory. In every other case the free space is
*unknown*, and ``maintenance.reindex.unknown_free_space`` decides ("refuse", the default, or
"allow").
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg

from pgwarden import sql as sqlfiles

LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1"}


@dataclass(frozen=True)
class FreeSpace:
    free_bytes: int | None
    how: str               # how we know, or why we do not


def free_space(conn: psycopg.Connection[Any], tablespace: int) -> FreeSpace:
    host = conn.info.host or ""
    if not (host.startswith("/") or host in LOCAL_HOSTS):
        return FreeSpace(None, f"server host {host!r} is not this machine: free space unknown")
    with conn.cursor() as cur:
        cur.execute(sqlfiles.load("maintenance/free_space_probe"), {"tablespace": tablespace})
        row = cur.fetchone()
    assert row is not None
    data_dir = row["data_directory"]
    if not data_dir:
        return FreeSpace(None, "data_directory not readable by this role (needs superuser or "
                               "pg_read_all_settings): free space unknown")
    pid_file = Path(data_dir) / "postmaster.pid"
    try:
        lines = pid_file.read_text().splitlines()
    except OSError:
        return FreeSpace(None, f"data directory {data_dir} is not readable from this machine: "
                               "free space unknown")
    if len(lines) < 4 or lines[3].strip() != str(row["port"]):
        return FreeSpace(None, f"{pid_file} does not name port {row['port']}: another server, "
                               "free space unknown")
    where = row["tablespace_location"] or str(Path(data_dir) / "base")
    try:
        usage = shutil.disk_usage(where)
    except OSError as exc:
        return FreeSpace(None, f"cannot stat {where}: {exc}: free space unknown")
    return FreeSpace(usage.free, f"shutil.disk_usage({where}) on the server's own data directory "
                                 f"(local connection, postmaster.pid matches port {row['port']})")
