"""The embedded default: a throwaway PostgreSQL cluster (and its standbys) that pgwarden starts.

The cluster lives under ``./.pgwarden/`` (git-ignored): ``state.json`` records where its data
directory is, which binaries run it, its port, the OS user it runs as and its standbys.
pg_stat_statements (and pg_qualstats when present) is preloaded; hypopg, pg_trgm, unaccent and
pgstattuple are available where the binaries ship them. The same code serves ``pgwarden
local`` and the test harness, so the demo's path is the tested path.

Only the OS user who started it can connect: the server listens on 127.0.0.1 with
scram-sha-256 authentication, its generated password is kept in a 0600 passfile that the DSNs
name (``?passfile=``), and every file and folder pgwarden creates for it is private.

One module per concern: ``binaries`` (which PostgreSQL), ``osuser`` (the server's OS user and
private files), ``_proc`` (processes and ports), ``cluster`` (the primary), ``standbys``
(streaming replicas made with pg_basebackup).
"""

from __future__ import annotations

from pgwarden.local._proc import free_port, port_is_free
from pgwarden.local.binaries import PgBinaries, embedded_bindir, find_binaries
from pgwarden.local.cluster import (
    DBNAME,
    PRELOAD,
    STATE_DIRNAME,
    SUPERUSER,
    WANTED_EXTENSIONS,
    ClusterState,
    LocalCluster,
    NodeStatus,
    Status,
    create_extensions,
)
from pgwarden.local.osuser import RunAs

__all__ = [
    "DBNAME",
    "PRELOAD",
    "STATE_DIRNAME",
    "SUPERUSER",
    "WANTED_EXTENSIONS",
    "ClusterState",
    "LocalCluster",
    "NodeStatus",
    "PgBinaries",
    "RunAs",
    "Status",
    "create_extensions",
    "embedded_bindir",
    "find_binaries",
    "free_port",
    "port_is_free",
]
