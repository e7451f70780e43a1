"""The configured replicas of a primary, each asked what it is.

A DSN given as a replica is trusted only after it says so itself: it must be in recovery and
share the primary's system identifier (a physical standby of *this* primary). Anything else is
a node with an ``error`` (one redacted line): unreachable, a primary, a replica of another
cluster. Commands show such nodes as "unknown" and never act on a guess.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pgwarden import db
from pgwarden.errors import PgwardenError
from pgwarden.topology.model import Node, NodeFacts, TopologySettings, read_node_facts

REPLICA_TIMEOUTS = db.Timeouts(connect_timeout=5, lock_timeout=None, statement_timeout=10)


def replica_dsns(settings: TopologySettings | None, extra: Sequence[str] = ()) -> list[str]:
    """``[topology] replicas`` then ``--replica`` options, each once."""
    out: list[str] = []
    for dsn in [*(settings.replicas if settings else ()), *extra]:
        if dsn and dsn not in out:
            out.append(dsn)
    return out


def node_name(dsn: str) -> str:
    """A node's name in messages: host:port (never a password)."""
    target = db.describe_target(dsn)
    return target.split("@", 1)[-1].rsplit("/", 1)[0]


def probe(dsn: str, *, primary: NodeFacts | None = None, name: str | None = None) -> Node:
    """Connect to ``dsn`` and read its facts; never raises for a node that misbehaves."""
    label = name or node_name(dsn)
    try:
        with db.connect(dsn, application_name="pgwarden topology",
                        timeouts=REPLICA_TIMEOUTS) as conn:
            facts = read_node_facts(conn)
    except PgwardenError as exc:
        return Node(label, dsn, None, f"unreachable: {exc.one_line()}")
    if primary is not None:
        if not facts.in_recovery:
            return Node(label, dsn, facts, "given as a replica but answers as a primary "
                                           "(not in recovery)")
        if facts.system_identifier != primary.system_identifier:
            return Node(label, dsn, facts,
                        f"a standby of another cluster (system identifier "
                        f"{facts.system_identifier}, the primary's is "
                        f"{primary.system_identifier})")
    return Node(label, dsn, facts)


def replica_nodes(primary_conn: Any, dsns: Sequence[str]) -> list[Node]:
    """Probe every replica DSN against the primary on ``primary_conn``."""
    primary = read_node_facts(primary_conn)
    return [probe(dsn, primary=primary) for dsn in dsns]


def usable(nodes: Sequence[Node]) -> list[Node]:
    """The nodes that are reachable standbys of the primary."""
    return [n for n in nodes if n.reachable and n.error is None]
