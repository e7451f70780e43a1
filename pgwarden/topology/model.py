"""The node model: settings, a node, and the facts one query reads from it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pgwarden import sql as sqlfiles
from pgwarden.config import Duration


@dataclass(frozen=True)
class TopologySettings:
    """[topology]: the nodes beyond the target DSN (see the package docstring)."""

    replicas: tuple[str, ...] = ()
    patroni: str | None = None
    direct_url: str | None = None
    # How long to wait after a migration revision for every replica to replay it (0: don't).
    replica_wait: Duration = Duration("60s")


@dataclass(frozen=True)
class NodeFacts:
    """What a node says of itself (``sql/topology/node_facts.sql``)."""

    in_recovery: bool
    system_identifier: str
    server_version: str
    server_version_num: int
    replay_lsn: str | None = None
    receive_lsn: str | None = None
    replay_paused: bool | None = None
    replay_delay_s: float | None = None
    hot_standby_feedback: str = "off"
    max_standby_streaming_delay: str = ""
    stats_age_s: float | None = None

    @property
    def role(self) -> str:
        return "standby" if self.in_recovery else "primary"


@dataclass(frozen=True)
class Node:
    """One server of a topology. ``facts`` is None when it could not be reached (``error`` says
    why, one redacted line)."""

    name: str
    dsn: str
    facts: NodeFacts | None = None
    error: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def role(self) -> str:
        return self.facts.role if self.facts else "unknown"

    @property
    def reachable(self) -> bool:
        return self.facts is not None


def read_node_facts(conn: Any) -> NodeFacts:
    """Read ``NodeFacts`` on an open connection (any row factory)."""
    cur = conn.execute(sqlfiles.load("topology/node_facts"))
    row = cur.fetchone()
    names = [d.name for d in cur.description]
    data = dict(row) if isinstance(row, dict) else dict(zip(names, row, strict=True))
    for key in ("replay_delay_s", "stats_age_s"):
        if data.get(key) is not None:
            data[key] = float(data[key])
    return NodeFacts(**data)
