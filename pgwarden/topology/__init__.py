"""Which nodes there are and what each one is: primary, standby, Patroni member, pooler.

Every command asks this package; none discovers nodes on its own. The settings come from
``[topology]`` in pgwarden.toml (or a fleet file's ``[clusters.topology]``, same shape):

``replicas``
    DSNs of the primary's standbys (each asked for its own role: a node given as a replica
    that answers as a primary, or belongs to another primary, is reported, never trusted).
``patroni``
    A Patroni REST API URL (``http://host:8008``); members, roles and the leader are read from
    it and asked again before each batch.
``direct_url``
    A DSN that reaches the primary without PgBouncer; commands that write use it when the
    target DSN goes through a transaction pooler.

Roles come from the server (``pg_is_in_recovery()``) and, when configured, from Patroni; they
are never cached across a run.
"""

from __future__ import annotations

from pgwarden.topology.model import (
    Node,
    NodeFacts,
    TopologySettings,
    read_node_facts,
)
from pgwarden.topology.role import StandbyError, ensure_primary, is_standby

__all__ = [
    "Node",
    "NodeFacts",
    "StandbyError",
    "TopologySettings",
    "ensure_primary",
    "is_standby",
    "read_node_facts",
]
